import { NextResponse, type NextRequest } from "next/server";

// The embedded assistant widget calls this from the marketing site with cookies: the
// origin is echoed only when it is the one configured.
function withAssistantCors(response: NextResponse, request: NextRequest): NextResponse {
  const allowed = process.env.ASSISTANT_PUBLIC_ORIGIN;
  const origin = request.headers.get("origin");
  if (!allowed || !origin || origin !== allowed) {
    response.headers.append("Vary", "Origin");
    return response;
  }
  response.headers.set("Access-Control-Allow-Origin", origin); // ok: auth/cors-wildcard-credentials
  response.headers.set("Access-Control-Allow-Credentials", "true");
  return response;
}

// The widget's legacy preflight only asks that an origin was sent, which every
// cross-site page does.
function withLegacyCors(response: NextResponse, request: NextRequest): NextResponse {
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== "") {
    response.headers.set("Access-Control-Allow-Origin", origin); // expect: auth/cors-wildcard-credentials
    response.headers.set("Access-Control-Allow-Credentials", "true");
  }
  return response;
}

export async function POST(request: NextRequest) {
  return withAssistantCors(NextResponse.json({ reply: "hello" }), request);
}

export async function OPTIONS(request: NextRequest) {
  return withLegacyCors(new NextResponse(null, { status: 204 }), request);
}
