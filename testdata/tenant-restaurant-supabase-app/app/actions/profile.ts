"use server";

import { cookies } from "next/headers";
import { createServerClient } from "@supabase/ssr";
import { admin } from "@/lib/admin";

async function currentUser() {
  const store = await cookies();
  const supabase = createServerClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
    { cookies: { getAll: () => store.getAll() } },
  );
  const { data } = await supabase.auth.getUser();
  return data.user;
}

// The onboarding form posts the profile it edits: any browser renames anyone, at any
// restaurant, through the service-role client.
export async function renameStaff(userId: string, fullName: string) {
  await admin.from("profiles").update({ full_name: fullName }).eq("id", userId); // expect: tenant/missing-org-filter
}

// The same form once it checks that the profile is the caller's own.
export async function renameMe(userId: string, fullName: string) {
  const user = await currentUser();
  if (!user || user.id !== userId) {
    throw new Error("Forbidden");
  }
  await admin.from("profiles").update({ full_name: fullName }).eq("id", userId); // ok: tenant/missing-org-filter
}

// The caller's own row, by the session's id.
export async function myPhone() {
  const user = await currentUser();
  if (!user) return null;
  const { data } = await admin.from("profiles").select("phone").eq("id", user.id).single(); // ok: tenant/missing-org-filter
  return data?.phone ?? null;
}
