import { Pool } from "pg";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// The developer docs show the query a by-id lookup must not be: text on a page, run
// nowhere.
export function TenancyDocs() {
  return (
    <main>
      <h1>How orders stay per restaurant</h1>
      <p>Never look an order up by its id alone:</p>
      <pre>
        {/* ok-next-line: tenant/missing-org-filter */}
        <code>{`SELECT id, total_cents FROM orders WHERE id = $1`}</code>
      </pre>
    </main>
  );
}

// The same query, run: any restaurant's order by its id.
export default async function OrderPreview({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { rows } = await pool.query(
    `SELECT id, total_cents FROM orders WHERE id = $1`, // expect: tenant/missing-org-filter
    [id],
  );
  return <TenancyDocs key={rows[0]?.id} />;
}
