import { NextResponse } from "next/server";

// Login for the TaskNest mobile app, which still signs in against the legacy Auth0 tenant.
const AUTH0_DOMAIN = process.env.AUTH0_DOMAIN!;

export async function POST(request: Request) {
  const { email, password } = await request.json(); // ok: auth/oauth-password-grant
  const body = new URLSearchParams({
    grant_type: "password", // expect: auth/oauth-password-grant
    username: email,
    password,
    audience: process.env.AUTH0_AUDIENCE!,
    client_id: process.env.AUTH0_CLIENT_ID!,
    client_secret: process.env.AUTH0_CLIENT_SECRET!, // ok: secrets/hardcoded-credential
    scope: "openid profile email offline_access",
  });
  const res = await fetch(`https://${AUTH0_DOMAIN}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  if (!res.ok) {
    return NextResponse.json({ error: "Invalid email or password" }, { status: 401 });
  }
  return NextResponse.json(await res.json());
}

export async function PUT(request: Request) {
  const { refreshToken } = await request.json();
  const res = await fetch(`https://${AUTH0_DOMAIN}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      grant_type: "refresh_token", // ok: auth/oauth-password-grant
      client_id: process.env.AUTH0_CLIENT_ID,
      refresh_token: refreshToken,
    }),
  });
  return NextResponse.json(await res.json(), { status: res.status });
}
