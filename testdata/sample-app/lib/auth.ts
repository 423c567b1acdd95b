const ISSUER = "https://login.example-idp.com";

export function loginUrl(clientId: string, redirect: string) {
  return `${ISSUER}/authorize?client_id=${clientId}&response_type=token&redirect_uri=${redirect}`; // expect: auth/oauth-implicit-flow
}

export function codeFlowUrl(clientId: string, redirect: string, challenge: string) {
  return `${ISSUER}/authorize?client_id=${clientId}&response_type=code&code_challenge=${challenge}`; // ok: auth/oauth-implicit-flow
}
