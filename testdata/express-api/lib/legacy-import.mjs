// One-off import of historical shipments from the old carrier portal (self-signed cert).
process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0"; // expect: auth/tls-verification-disabled

export async function fetchHistoricalShipments(page) {
  const res = await fetch(`https://portal.oldcarrier.net/api/shipments?page=${page}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${process.env.PORTAL_USER}:${process.env.PORTAL_PASS}`).toString("base64")}` },
  });
  return res.json();
}
