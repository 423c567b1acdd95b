// Enterprise SSO (Okta / Microsoft Entra) for workspaces on the Team plan.
const OKTA_ISSUER = process.env.OKTA_ISSUER!;
const OKTA_CLIENT_ID = process.env.NEXT_PUBLIC_OKTA_CLIENT_ID!; // ok: secrets/client-exposed-secret
const SITE_URL = process.env.NEXT_PUBLIC_SITE_URL!;

export function oktaImplicitLoginUrl(state: string, nonce: string): string {
  const params = new URLSearchParams({
    client_id: OKTA_CLIENT_ID,
    response_type: "id_token token", // expect: auth/oauth-implicit-flow
    response_mode: "fragment",
    scope: "openid profile email",
    redirect_uri: `${SITE_URL}/auth/okta`,
    state,
    nonce,
  });
  return `${OKTA_ISSUER}/v1/authorize?${params.toString()}`;
}

export function oktaCodeLoginUrl(state: string, codeChallenge: string): string {
  const params = new URLSearchParams({
    client_id: OKTA_CLIENT_ID,
    response_type: "code", // ok: auth/oauth-implicit-flow
    scope: "openid profile email offline_access",
    redirect_uri: `${SITE_URL}/auth/okta/callback`,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
    state,
  });
  return `${OKTA_ISSUER}/v1/authorize?${params.toString()}`;
}

export const MICROSOFT_LOGIN_URL =
  "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=4b1e6f0a-93d2-4c1e-8f7a-2d5b9c3e6a10&response_type=id_token+token&scope=openid%20profile%20User.Read&response_mode=fragment&nonce=tasknest"; // expect: auth/oauth-implicit-flow

export const MICROSOFT_CODE_LOGIN_URL =
  "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=4b1e6f0a-93d2-4c1e-8f7a-2d5b9c3e6a10&response_type=code&scope=openid%20profile%20offline_access&response_mode=query"; // ok: auth/oauth-implicit-flow
