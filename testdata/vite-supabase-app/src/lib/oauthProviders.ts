// Third-party accounts a household can connect (for importing playlists, streams and chats).
export type OAuthProviderConfig = {
  authorizeUrl: string;
  clientId: string;
  scopes: string[];
  flow?: "implicit" | "code";
  implicit?: boolean;
};

export const oauthProviders: Record<string, OAuthProviderConfig> = {
  twitch: {
    authorizeUrl: "https://id.twitch.tv/oauth2/authorize",
    clientId: "wbmytr93xzw0qaqs3wn4lq6l8fuazl",
    scopes: ["user:read:email"],
    flow: "implicit", // expect: auth/oauth-implicit-flow
  },
  github: {
    authorizeUrl: "https://github.com/login/oauth/authorize",
    clientId: "Iv1.8a61f9b3a7aba766",
    scopes: ["read:user"],
    flow: "code", // ok: auth/oauth-implicit-flow
  },
  discord: {
    authorizeUrl: "https://discord.com/oauth2/authorize",
    clientId: "1187412558631211018",
    scopes: ["identify", "email"],
    implicit: true, // expect: auth/oauth-implicit-flow
  },
  slack: {
    authorizeUrl: "https://slack.com/openid/connect/authorize",
    clientId: "2210535565.7483629103745",
    scopes: ["openid", "profile"],
    implicit: false, // ok: auth/oauth-implicit-flow
  },
};
