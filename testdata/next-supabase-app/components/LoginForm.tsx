"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createClient } from "@/lib/supabase/client";

export function LoginForm() {
  const supabase = createClient();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState(""); // ok: secrets/hardcoded-credential
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const { error } = await supabase.auth.signInWithPassword({ email, password }); // ok: auth/oauth-password-grant
    if (error) {
      setError("Invalid email or password");
      return;
    }
    router.push("/dashboard");
  }

  async function signInWithGitHub() {
    await supabase.auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: `${window.location.origin}/auth/confirm` },
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@company.com" />
      {/* ok-next-line: auth/oauth-password-grant */}
      <input type="password" name="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      {error && <p className="text-sm text-red-600">{error}</p>}
      <button type="submit">Sign in</button>
      <button type="button" onClick={signInWithGitHub}>
        Continue with GitHub
      </button>
    </form>
  );
}
