"use client";

import { useEffect, useState } from "react";
import { createClient } from "@supabase/supabase-js";

const supabaseAdmin = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!, // ok: secrets/client-exposed-secret
  process.env.SUPABASE_SERVICE_ROLE_KEY!, // expect: secrets/client-exposed-secret
);

type Row = { id: string; email?: string; created_at: string };

export function AdminUserTable() {
  const [users, setUsers] = useState<Row[]>([]);

  useEffect(() => {
    supabaseAdmin.auth.admin.listUsers().then(({ data }) => {
      setUsers(data.users.map((u) => ({ id: u.id, email: u.email, created_at: u.created_at })));
    });
  }, []);

  return (
    <table className="w-full text-sm">
      <thead>
        <tr>
          <th className="text-left">Email</th>
          <th className="text-left">Joined</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <td>{u.email}</td>
            <td>{new Date(u.created_at).toLocaleDateString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
