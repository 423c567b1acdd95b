import { useQuery } from "@tanstack/react-query";
import { createClient } from "@supabase/supabase-js";

const adminClient = createClient(
  import.meta.env.VITE_SUPABASE_URL, // ok: secrets/client-exposed-secret
  import.meta.env.SUPABASE_SERVICE_ROLE_KEY, // expect: secrets/client-exposed-secret
);

export function AdminHouseholds() {
  const { data: households = [] } = useQuery({
    queryKey: ["admin-households"],
    queryFn: async () => {
      const { data } = await adminClient.from("households").select("id, name, created_at").limit(200);
      return data ?? [];
    },
  });

  return (
    <ul className="divide-y">
      {households.map((h) => (
        <li key={h.id} className="py-2">
          {h.name}
        </li>
      ))}
    </ul>
  );
}
