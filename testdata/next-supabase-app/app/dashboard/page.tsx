import { redirect } from "next/navigation";
import { createClient as createSupabaseClient } from "@supabase/supabase-js";
import { createClient } from "@/lib/supabase/server";
import { SessionExpiryBanner } from "@/components/SessionExpiryBanner";
import { CheckoutButton } from "@/components/CheckoutButton";

// Server Component: runs only on the server.
export default async function DashboardPage() {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) redirect("/login");

  const admin = createSupabaseClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.SUPABASE_SERVICE_ROLE_KEY!, // ok: secrets/client-exposed-secret
  );
  const { count: openTasks } = await admin
    .from("tasks")
    .select("id", { count: "exact", head: true })
    .eq("assignee_id", user.id)
    .eq("status", "open");

  return (
    <main className="mx-auto max-w-5xl p-6">
      <SessionExpiryBanner />
      <h1 className="text-2xl font-semibold">Welcome back, {user.email}</h1>
      <p className="mt-2 text-muted-foreground">You have {openTasks ?? 0} open tasks.</p>
      <CheckoutButton plan="pro" />
    </main>
  );
}
