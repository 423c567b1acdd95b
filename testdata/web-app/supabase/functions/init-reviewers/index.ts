// Creates the reviewer accounts on first deploy, as generated setup functions do. The
// passwords look strong, but they are in the code: every deployment has these logins.
import { createClient } from "npm:@supabase/supabase-js@2";
import bcrypt from "npm:bcryptjs";

const REVIEWERS = [
  { email: "patent-reviewer@shelf.dev", fullName: "Patent Reviewer", password: "PatentRev2024!" }, // expect: web/default-credentials
  { email: "design-reviewer@shelf.dev", fullName: "Design Reviewer", password: "DesignRev2024!" }, // expect: web/default-credentials
];

// an SMTP login is a service's credential, not a seeded account: the secret rule's
const MAILER = {
  host: "smtp.shelf.dev",
  port: 587,
  username: "reviews@shelf.dev",
  password: "q7Jz2Lw9Rx4Vb", // expect: secrets/hardcoded-credential
};

async function hashPassword(plain: string): Promise<string> {
  return await bcrypt.hash(plain, 10);
}

Deno.serve(async () => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  for (const r of REVIEWERS) {
    await admin.auth.admin.createUser({ email: r.email, password: r.password, email_confirm: true });
  }
  // the owner account, hashed from a literal
  const ownerHash = await hashPassword("Owner#Shelf2024"); // expect: web/default-credentials
  await admin.from("owners").insert({ email: "owner@shelf.dev", password_hash: ownerHash });

  // a throwaway account for a smoke test: a new address each run, not a known login
  const probe = { email: `probe-${Date.now()}@shelf.dev`, password: "Probe#2024xyz" }; // ok: web/default-credentials
  await admin.auth.admin.createUser(probe);
  // a form reset and a label are not passwords
  const form = { email: "", password: "" }; // ok: web/default-credentials
  const labels = { email: "owner@shelf.dev", password: "Enter password" }; // ok: web/default-credentials
  return Response.json({ ok: true, mailer: MAILER.host, form, labels });
});
