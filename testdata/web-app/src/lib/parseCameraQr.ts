// The fields a camera's QR code may carry, under every alias vendors use: a table of
// names, not credentials.
const FIELD_MAP: Record<string, string> = {
  user: "username",
  username: "username",
  pass: "password", // ok: web/default-credentials
  password: "password", // ok: web/default-credentials
  pwd: "password", // ok: web/default-credentials
  host: "ip",
  ip: "ip",
};

// What the camera ships with, filled in when the QR code has no login: a default login
const FACTORY_LOGIN = { username: "admin", password: "admin123" }; // expect: web/default-credentials

export function parseCameraQr(raw: string): Record<string, string> {
  const out: Record<string, string> = { ...FACTORY_LOGIN };
  for (const part of raw.split(";")) {
    const [k, v] = part.split("=");
    const field = FIELD_MAP[k?.toLowerCase() ?? ""];
    if (field && v) out[field] = v;
  }
  return out;
}
