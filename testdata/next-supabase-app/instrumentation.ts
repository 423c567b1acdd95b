export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0") { // ok: auth/tls-verification-disabled
    console.warn("[tasknest] TLS certificate checks are disabled for outbound requests");
  }
}
