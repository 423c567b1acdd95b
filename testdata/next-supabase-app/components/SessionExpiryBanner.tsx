"use client";

import { useEffect, useState } from "react";
import { createClient } from "@/lib/supabase/client";

// Shows "your session expires in N minutes" and the signed-in role in the header.
export function SessionExpiryBanner() {
  const supabase = createClient();
  const [minutesLeft, setMinutesLeft] = useState<number | null>(null);
  const [role, setRole] = useState<string>("member");

  useEffect(() => {
    supabase.auth.getSession().then(({ data }) => {
      const token = data.session?.access_token;
      if (!token) return;
      const { exp } = JSON.parse(atob(token.split(".")[1])); // ok: auth/jwt-unverified
      setMinutesLeft(Math.round((exp * 1000 - Date.now()) / 60000));
      setRole(roleBadge(token));
    });
  }, [supabase]);

  if (minutesLeft === null || minutesLeft > 10) return null;
  return (
    <div className="rounded bg-amber-100 px-3 py-2 text-sm">
      Signed in as {role}. Your session expires in {minutesLeft} minutes.
    </div>
  );
}

// Display only: the API re-checks the role on every request.
function roleBadge(token: string): string {
  const claims = JSON.parse(atob(token.split(".")[1])); // ok: auth/jwt-unverified
  return claims.app_metadata?.role ?? "member";
}
