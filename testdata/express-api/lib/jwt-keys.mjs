import crypto from "node:crypto";

// Signs the tracking-link tokens handed to carriers (RS256).
// expect-next-line: secrets/hardcoded-credential
export const TRACKING_LINK_PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEALcBzMZLDH6+fgGrTLuBGpm30qtfZnGevmlWYBT3+LVTP2ScR
27KG+SIVTJVtpvTLeaCk2ccOzZ2KpIDGFOu1OYZ08Wq4ReR+M7Qi40hoR9KojoA5
mFdrOS5k/1k7FkB4JuZHouujG59OdPODUN1hIRISylwCgwNRsLl0wBwfLl1BXowF
pSwJDCMPO3OVY8Sle+o3bQeXuw559KUAIlms7/no9s/PDgR+qSobvqV7Y4Ysdf7S
UcebWoW65lPTL1e583iWehOwWbF3AZSo4ZjhBKpy6zyxrZN5aFXR1iIFVd9h5KTg
SmOG3ZKDu903LT/8+6TmsSPtOlOFFHDce1cXI9ZMlV+FQiGLg4xxpNigUnZZn4q1
GF+qaiAybRRI65qi1A8mWsyrV9FR0B8NwflNCA7NVlNKjMl0RqF2YYzOrPqtfF2g
i57qaFEXNHlM4QanoiCcmRKUWHbX8pSXPV9deEZt/ez8Dh7O/PL+dw5rFezyF6Cp
raO/qe5RkgiAlL9NjJGdJuXCGXBStqNRFoUAjDmOOQc4IfvInw9KRVcJoPLFM5N6
Qa+J7my4V92NrJKDkoEhEUVYyttD+HyLlkVhkmTyfEipdEkg7/9eiYUV3jsIo2ZY
NToS109q9OmpQGuFX/35ULBFRewgQoeVjzgrXjNzU7kO/3+yxA+P5MgJAsjUfOQU
7kDlcucYNY5HSa+rKyO+NxM9j5v9Et1SKBQVx3xvQd5lHsV9hMOluwyRMlXW2fI6
1MsExTpv7SPA4Z2TK5dXJ3QGs4ZOCAYnOgA0A76+mh4G8kGnrY0rygW81MhzxVxi
z/n1MzAqqRQE7PobDnowFU4Jor1w5F5js78DmMtiT8LJQ/NDAT0nurCL62p0cNsj
Q7mcCPV1fAkYVOXesBdykfAeQiBIylXAzinT4lSHWcLcF1HqfVVLszW1VY1GmuVc
JJDFj5dxhE780DFMYIfsIlPFcncLgKIhCqDiKPIYYu4ZAC8w3gg+QM9JEXh+UdRq
E8eKjm/yeMk1MIca4RGm6dmlBUlw1NleKeKiKU5qVv3g5GZcnD59nTc9ARO87Rcj
h6rs3t9BqsRZ6Chelfx8rUL4a1ye/U1q71XiPhHm84CXDi/o8rBCL+IIASXERCmO
TC7+2jEIF9be/2pdXKsnIU/y7Rzsd2sjqIXUq3yocDTo89lpB467FWBPzsqei+mF
QhYnEik/bvJw1vI8BJV4d8rYNyV2kTsg2CSVIDfQKhlWOmHd9dM1MIhKinYp7L7+
ckSw8nmzvvi2JNY854kvEup7LUROnh4GmK0eJT35TJlVjBzpu/pNZBoXfnnvVIST
xTkob6nKVy5UjXAiHIv3Uqjv8YdIBLPIK4boryvV/ET77sVHyEHkcB3Vd2HP0zSF
LIHdmy1o4u50nxhnJGn9m8Hoiws5ovGjFehZsXsKn3CVS3JIn8gGzSwtxrM/7aN3
FjL0olximOx7KvRI/bdOKeaKX1vrGiEfv85yiStIdq0EixuoLI8tOXexx22k2o2S
Uh9tc/zLbs1qzOhsrmWeEQUHGeT4F4156DR1uqNsVJBOGfxg+ZXQBA==
-----END RSA PRIVATE KEY-----`;

// Template shown on the developer docs page.
// ok-next-line: secrets/hardcoded-credential
export const PRIVATE_KEY_TEMPLATE = "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----";

// Carriers verify the tokens with this one.
// ok-next-line: secrets/hardcoded-credential
export const TRACKING_LINK_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0V0qhzfm1GW01whxztPl
9KfNoy73+m0oB+uliQpZ955xRwFxb20SJNQwRZIUUh7kfzVGIk7WPDlExF9zobIw
yIMRSm6z0DMUWfWL0o0duTZLDlaQUV6h/3tAnOiYDgwICRCR8uI4QkRGTlWtVE6s
wGLdDxnVUAzmM7uh9cldtvRGdXNT9LJLPbDHseYuvnKGSGARlaAt5yxRqu2O9SjV
WluQ5MstXOI36OgX4UVRv8aksynHBu83NR3x1D3bpDJD/Q/N3/RK39TD9uvJqOj0
t3/p5NLoIvuzM+d7xRWoHC+UfK7GwYDfrR+8HMm7hTFK8pLZLEFEFjIG7+hBZzEZ
b4M6fqv232CkCFVTvLgC
-----END PUBLIC KEY-----`;

export function signTrackingLink(shipmentId, expiresInSeconds = 7 * 24 * 3600) {
  const header = Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT" })).toString("base64url");
  const body = Buffer.from(
    JSON.stringify({ sub: shipmentId, exp: Math.floor(Date.now() / 1000) + expiresInSeconds }),
  ).toString("base64url");
  const signature = crypto.sign("sha256", Buffer.from(`${header}.${body}`), TRACKING_LINK_PRIVATE_KEY).toString("base64url");
  return `${header}.${body}.${signature}`;
}
