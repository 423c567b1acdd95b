// The support page: the platform's contact details, and the loyalty tiers on offer.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  // the one row of platform settings
  const { data: settings } = await admin
    .from("platform_settings") // ok: tenant/missing-org-filter
    .select("support_email")
    .eq("id", 1)
    .single();
  // every restaurant's tiers, whoever asks
  const { data: tiers } = await admin
    .from("loyalty_tiers") // expect: tenant/missing-org-filter
    .select("tier, points_needed");
  return Response.json({ support: settings?.support_email, tiers });
});
