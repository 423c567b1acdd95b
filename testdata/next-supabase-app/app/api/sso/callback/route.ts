import { NextResponse, type NextRequest } from "next/server";

// Enterprise SSO: the server exchanges the authorization code at the provider's token
// endpoint over TLS, and reads the ID token it got back (OpenID Connect Core 3.1.3.7).
export async function GET(request: NextRequest) {
  const code = request.nextUrl.searchParams.get("code") ?? "";
  const tokenResponse = await fetch(process.env.SSO_TOKEN_URL!, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      client_id: process.env.SSO_CLIENT_ID!,
      client_secret: process.env.SSO_CLIENT_SECRET!,
      redirect_uri: process.env.SSO_REDIRECT_URI!,
    }),
  });
  const tokens = await tokenResponse.json();
  const idToken = tokens.id_token;
  const [, payloadBase64] = idToken.split(".");
  const profile = JSON.parse(Buffer.from(payloadBase64, "base64").toString()); // ok: auth/jwt-unverified
  return NextResponse.json({ email: profile.email });
}

// The same decode of a token the caller sends: anyone can forge it.
export async function POST(request: NextRequest) {
  const bearer = request.headers.get("authorization")?.replace("Bearer ", "") ?? "";
  const [, payloadBase64] = bearer.split(".");
  const claims = JSON.parse(Buffer.from(payloadBase64, "base64").toString()); // expect: auth/jwt-unverified
  return NextResponse.json({ tenant: claims.tenant_id, role: claims.role });
}
