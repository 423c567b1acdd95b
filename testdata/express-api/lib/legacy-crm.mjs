import qs from "qs";

// Syncs accounts from the old CRM, which only supports the password grant.
const CRM_TOKEN_URL = "https://crm.legacy-freight.com/oauth/token";

export async function crmAccessToken() {
  const tokenRequest = {
    grantType: "password", // expect: auth/oauth-password-grant
    username: process.env.CRM_USERNAME,
    password: process.env.CRM_PASSWORD, // ok: secrets/hardcoded-credential
  };
  const res = await fetch(CRM_TOKEN_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(tokenRequest),
  });
  return (await res.json()).access_token;
}

export async function crmAccessTokenForm() {
  const res = await fetch(CRM_TOKEN_URL, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: qs.stringify({
      grant_type: "password", // expect: auth/oauth-password-grant
      username: process.env.CRM_USERNAME,
      password: process.env.CRM_PASSWORD,
    }),
  });
  return (await res.json()).access_token;
}

export async function crmReauthenticate(username, password) {
  const form = new URLSearchParams({ username, password, client_id: "shiptrack-sync" });
  form.set("grant_type", "password"); // expect: auth/oauth-password-grant
  const res = await fetch(CRM_TOKEN_URL, { method: "POST", body: form });
  return (await res.json()).access_token;
}

export async function crmServiceToken() {
  const form = new URLSearchParams({ client_id: "shiptrack-sync", client_secret: process.env.CRM_CLIENT_SECRET ?? "" });
  form.set("grant_type", "client_credentials"); // ok: auth/oauth-password-grant
  const res = await fetch(CRM_TOKEN_URL, { method: "POST", body: form });
  return (await res.json()).access_token;
}
