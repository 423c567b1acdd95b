import { SignJWT, importPKCS8 } from "jose";

const APPLE_TEAM_ID = "7QX3M9K2LP";
const APPLE_KEY_ID = "R8W2N5T4ZB";
const APPLE_SERVICES_ID = "io.tasknest.web";

// expect-next-line: secrets/hardcoded-credential
const APPLE_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgU9/CFipfwJ5NJ2A+
liHY9rzXNKjgcLMdk5OqU60ageDRNCPQsOT1ycO7pLfBYanY9asCVdK5Jxtmb3Qj
JqvFEB5DB86wW0Ei2Yg99LosTLwXpX33CAS1x7hgD2JrK2SUv6bZsw==
-----END PRIVATE KEY-----`;

// Apple's public key for verifying server-to-server notifications (public by design).
// ok-next-line: secrets/hardcoded-credential
export const APPLE_NOTIFICATION_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0V0qhzfm1GW01whxztPl
9KfNoy73+m0oB+uliQpZ955xRwFxb20SJNQwRZIUUh7kfzVGIk7WPDlExF9zobIw
yIMRSm6z0DMUWfWL0o0duTZLDlaQUV6h/3tAnOiYDgwICRCR8uI4QkRGTlWtVE6s
wGLdDxnVUAzmM7uh9cldtvRGdXNT9LJLPbDHseYuvnKGSGARlaAt5yxRqu2O9SjV
WluQ5MstXOI36OgX4UVRv8aksynHBu83NR3x1D3bpDJD/Q/N3/RK39TD9uvJqOj0
t3/p5NLoIvuzM+d7xRWoHC+UfK7GwYDfrR+8HMm7hTFK8pLZLEFEFjIG7+hBZzEZ
b4M6fqv232CkCFVTvLgC
-----END PUBLIC KEY-----`;

/** The client_secret Apple expects in the token request: an ES256 JWT valid for 180 days. */
export async function appleClientSecret(): Promise<string> {
  const key = await importPKCS8(APPLE_PRIVATE_KEY, "ES256");
  return new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: APPLE_KEY_ID })
    .setIssuer(APPLE_TEAM_ID)
    .setAudience("https://appleid.apple.com")
    .setSubject(APPLE_SERVICES_ID)
    .setIssuedAt()
    .setExpirationTime("180d")
    .sign(key);
}
