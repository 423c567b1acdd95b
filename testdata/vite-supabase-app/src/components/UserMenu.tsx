import { useEffect, useState } from "react";
import { jwtDecode } from "jwt-decode";
import { supabase } from "@/lib/supabase";

type AccessClaims = { sub: string; email?: string; exp: number; user_metadata?: { full_name?: string } };

// Avatar menu: shows who is signed in, read from the session's access token.
export function UserMenu() {
  const [label, setLabel] = useState<string | null>(null);

  useEffect(() => {
    supabase.auth.getSession().then(({ data }) => {
      const token = data.session?.access_token;
      if (!token) return;
      const claims = jwtDecode<AccessClaims>(token); // ok: auth/jwt-unverified
      setLabel(claims.user_metadata?.full_name ?? claims.email ?? "Account");
    });
  }, []);

  if (!label) return null;
  return (
    <button className="rounded-full bg-muted px-3 py-1 text-sm" onClick={() => supabase.auth.signOut()}>
      {label}
    </button>
  );
}
