// OAuth clients registered with the ShipTrack authorization server.
export const oauthClients = [
  {
    clientId: "shiptrack-tracking-widget",
    name: "Embeddable tracking widget",
    grant_type: "implicit", // expect: auth/oauth-implicit-flow
    redirectUris: ["https://widget.shiptrack.io/callback"],
    scopes: ["shipments:read"],
  },
  {
    clientId: "shiptrack-dashboard",
    name: "Customer dashboard",
    grant_type: "authorization_code", // ok: auth/oauth-implicit-flow, auth/oauth-password-grant
    redirectUris: ["https://app.shiptrack.io/auth/callback"],
    scopes: ["shipments:read", "shipments:write"],
    pkce: true,
  },
  {
    clientId: "shiptrack-driver-app",
    name: "Driver app",
    responseType: "token", // expect: auth/oauth-implicit-flow
    redirectUris: ["shiptrack-driver://oauth"],
    scopes: ["routes:read"],
  },
];
