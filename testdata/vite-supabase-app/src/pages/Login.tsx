import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { supabase } from "@/lib/supabase";

export default function Login() {
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);

  const handleLogin = async (e: React.FormEvent) => {
    e.preventDefault();
    const { error } = await supabase.auth.signInWithPassword({ email, password }); // ok: auth/oauth-password-grant
    if (error) {
      setError("Invalid email or password");
      return;
    }
    navigate("/");
  };

  const handleReset = async () => {
    await supabase.auth.resetPasswordForEmail(email, { redirectTo: `${window.location.origin}/reset` }); // ok: auth/oauth-password-grant
  };

  const handleGoogle = async () => {
    await supabase.auth.signInWithOAuth({
      provider: "google",
      options: { redirectTo: window.location.origin, queryParams: { access_type: "offline", prompt: "consent" } },
    });
  };

  return (
    <form onSubmit={handleLogin} className="mx-auto mt-24 max-w-sm space-y-3">
      <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="Email" />
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} placeholder="Password" />
      {error && <p className="text-sm text-red-600">{error}</p>}
      <button type="submit">Sign in</button>
      <button type="button" onClick={handleGoogle}>
        Continue with Google
      </button>
      <button type="button" onClick={handleReset}>
        Forgot password?
      </button>
    </form>
  );
}
