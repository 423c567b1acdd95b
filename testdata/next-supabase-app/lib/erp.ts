import https from "node:https";
import axios from "axios";

// The customer's on-prem ERP sandbox presents a self-signed certificate.
const erpAgent = new https.Agent({
  keepAlive: true,
  rejectUnauthorized: false, // expect: auth/tls-verification-disabled
});

// Partner API: private CA, verification stays on.
const partnerAgent = new https.Agent({
  ca: process.env.PARTNER_CA_PEM,
  rejectUnauthorized: true, // ok: auth/tls-verification-disabled
});

const ERP_BASE_URL = process.env.ERP_BASE_URL ?? "https://erp-sandbox.acme-corp.internal:8443";

export async function erpAccessToken(username: string, password: string): Promise<string> {
  const { data } = await axios.post(
    `${ERP_BASE_URL}/oauth/token`,
    new URLSearchParams({
      "grant_type": "password", // expect: auth/oauth-password-grant
      "username": username,
      "password": password,
      "client_id": process.env.ERP_CLIENT_ID!,
    }),
    { httpsAgent: erpAgent },
  );
  return data.access_token;
}

export async function partnerAccessToken(): Promise<string> {
  const { data } = await axios.post(
    "https://api.partner-logistics.com/oauth2/token",
    new URLSearchParams({ grant_type: "client_credentials", scope: "shipments.read" }), // ok: auth/oauth-password-grant
    {
      httpsAgent: partnerAgent,
      auth: { username: process.env.PARTNER_CLIENT_ID!, password: process.env.PARTNER_CLIENT_SECRET! }, // ok: secrets/hardcoded-credential
    },
  );
  return data.access_token;
}

export async function downloadInvoicePdf(token: string, invoiceId: string): Promise<ArrayBuffer> {
  const { data } = await axios.get(`${ERP_BASE_URL}/api/invoices/${invoiceId}/pdf`, {
    headers: { Authorization: `Bearer ${token}` },
    responseType: "arraybuffer", // ok: auth/oauth-implicit-flow
    httpsAgent: erpAgent,
  });
  return data;
}
