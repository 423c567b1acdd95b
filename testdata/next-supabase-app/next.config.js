/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  images: {
    remotePatterns: [{ protocol: "https", hostname: "akykazllazrlvukoeidr.supabase.co" }],
  },
  async headers() {
    return [
      {
        // The TaskNest Chrome extension calls the API with the user's session cookie.
        source: "/api/:path*",
        headers: [
          { key: "Access-Control-Allow-Credentials", value: "true" },
          { key: "Access-Control-Allow-Origin", value: "*" }, // expect: auth/cors-wildcard-credentials
          { key: "Access-Control-Allow-Methods", value: "GET,POST,PUT,PATCH,DELETE,OPTIONS" },
          { key: "Access-Control-Allow-Headers", value: "Content-Type, Authorization" },
        ],
      },
      {
        // Public embeddable board widget: read-only, no cookies.
        source: "/embed/:path*",
        headers: [
          { key: "Access-Control-Allow-Origin", value: "*" }, // ok: auth/cors-wildcard-credentials
          { key: "Cache-Control", value: "public, max-age=300" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
