// Sign-in for the community kitchens that run their own Keycloak realm.
const KEYCLOAK_URL = "https://sso.kitchens-network.org/realms/pantry";
const CLIENT_ID = "pantrypal-web";

export async function keycloakLogin(username: string, password: string) {
  const params = new URLSearchParams();
  params.append("grant_type", "password"); // expect: auth/oauth-password-grant
  params.append("client_id", CLIENT_ID);
  params.append("username", username);
  params.append("password", password); // ok: auth/oauth-password-grant
  const res = await fetch(`${KEYCLOAK_URL}/protocol/openid-connect/token`, { method: "POST", body: params });
  if (!res.ok) throw new Error("Sign-in failed");
  return res.json() as Promise<{ access_token: string; refresh_token: string; expires_in: number }>;
}

export async function keycloakRefresh(refreshToken: string) {
  const params = new URLSearchParams();
  params.append("grant_type", "refresh_token"); // ok: auth/oauth-password-grant
  params.append("client_id", CLIENT_ID);
  params.append("refresh_token", refreshToken);
  const res = await fetch(`${KEYCLOAK_URL}/protocol/openid-connect/token`, { method: "POST", body: params });
  return res.json();
}
