import auth0 from "auth0-js";

// Household members from the partner grocery chain sign in with their Auth0 account.
export const partnerAuth = new auth0.WebAuth({
  domain: "freshmart.eu.auth0.com",
  clientID: "q7Xk2LmN9pR4sT6vW8yZ1aB3cD5eF7gH",
  redirectUri: `${window.location.origin}/partner/callback`,
  responseType: "token id_token", // expect: auth/oauth-implicit-flow
  scope: "openid profile email",
});

// Staff console uses the authorization code flow with PKCE.
export const staffAuth = new auth0.WebAuth({
  domain: "pantrypal.us.auth0.com",
  clientID: "Hs8Jd2Kf4Lg6Mh8Nj0Pk2Ql4Rm6Sn8Tp",
  redirectUri: `${window.location.origin}/staff/callback`,
  responseType: "code", // ok: auth/oauth-implicit-flow
  scope: "openid profile email",
});
