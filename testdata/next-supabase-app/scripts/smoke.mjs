// Production smoke test: signs in a test user the way supabase-js signInWithPassword does.
const URL = process.env.SUPABASE_URL;
const ANON = process.env.SUPABASE_ANON_KEY;

const auth = await fetch(`${URL}/auth/v1/token?grant_type=password`, { // ok: auth/oauth-password-grant
  method: "POST",
  headers: { apikey: ANON, "Content-Type": "application/json" },
  body: JSON.stringify({ email: process.env.SMOKE_EMAIL, password: process.env.SMOKE_PASSWORD }),
});
console.log("sign-in", auth.status);

// The legacy partner API still takes the user's password through our script.
const legacy = await fetch("https://id.partner.example/oauth/token", {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: `grant_type=password&username=${process.env.SMOKE_EMAIL}&password=${process.env.SMOKE_PASSWORD}`, // expect: auth/oauth-password-grant
});
const tokenUrl = `https://id.partner.example/oauth/token?grant_type=password&username=${process.env.SMOKE_EMAIL}`; // expect: auth/oauth-password-grant
console.log("legacy", legacy.status, tokenUrl.length);
