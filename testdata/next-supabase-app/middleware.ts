import { NextResponse, type NextRequest } from "next/server";

const PROJECT_REF = "akykazllazrlvukoeidr";
const AUTH_COOKIE = `sb-${PROJECT_REF}-auth-token`;
const ALLOWED_ORIGINS = new Set(["https://app.tasknest.io", "https://tasknest.io"]);

type AccessTokenClaims = {
  sub: string;
  email?: string;
  exp: number;
  app_metadata?: { role?: "admin" | "member" };
};

function readAccessToken(request: NextRequest): string | null {
  const raw = request.cookies.get(AUTH_COOKIE)?.value;
  if (!raw) return null;
  try {
    const session = JSON.parse(decodeURIComponent(raw.replace(/^base64-/, "")));
    return session.access_token ?? null;
  } catch {
    return null;
  }
}

function expiresWithin(token: string, seconds: number): boolean {
  const { exp } = JSON.parse(atob(token.split(".")[1])) as { exp: number }; // ok: auth/jwt-unverified
  return exp * 1000 - Date.now() < seconds * 1000;
}

function withCors(request: NextRequest, response: NextResponse): NextResponse {
  const origin = request.headers.get("origin");
  if (origin && ALLOWED_ORIGINS.has(origin)) {
    response.headers.set("Access-Control-Allow-Origin", origin); // ok: auth/cors-wildcard-credentials
    response.headers.set("Access-Control-Allow-Credentials", "true");
    response.headers.set("Vary", "Origin");
  }
  return response;
}

export async function middleware(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const token = readAccessToken(request);

  if (pathname.startsWith("/admin")) {
    if (!token) {
      return NextResponse.redirect(new URL("/login?next=/admin", request.url));
    }
    const claims: AccessTokenClaims = JSON.parse(atob(token.split(".")[1])); // expect: auth/jwt-unverified
    if (claims.app_metadata?.role !== "admin") {
      return NextResponse.redirect(new URL("/dashboard", request.url));
    }
  }

  if (token && expiresWithin(token, 60)) {
    return NextResponse.redirect(new URL(`/auth/refresh?next=${pathname}`, request.url));
  }

  const response = NextResponse.next({ request });
  return pathname.startsWith("/api/") ? withCors(request, response) : response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp)$).*)"],
};
