import { useState } from "react";
import { AdminHouseholds } from "@/components/AdminHouseholds";

export default function Admin() {
  const [input, setInput] = useState("");
  const [unlocked, setUnlocked] = useState(false);

  const unlock = () => {
    if (input === import.meta.env.VITE_ADMIN_PASSWORD) { // expect: secrets/client-exposed-secret
      setUnlocked(true);
    }
  };

  if (!unlocked) {
    return (
      <div className="mx-auto mt-24 max-w-xs space-y-2">
        <input type="password" value={input} onChange={(e) => setInput(e.target.value)} />
        <button onClick={unlock}>Enter</button>
      </div>
    );
  }
  return <AdminHouseholds />;
}
