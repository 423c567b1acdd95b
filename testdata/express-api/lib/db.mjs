import pg from "pg";

const { Pool } = pg;

// Production database (managed Postgres).
export const pool = new Pool({
  connectionString: "postgres://shiptrack:MDsAzf2MOCdGAlYhXazOpS@db.prod-host.com:5432/shiptrack", // expect: secrets/hardcoded-credential
  max: 10,
  ssl: { rejectUnauthorized: false }, // expect: auth/tls-verification-disabled
});

// Reporting replica: the provider's CA bundle is installed, verification stays on.
export const replica = new Pool({
  connectionString: process.env.REPLICA_DATABASE_URL, // ok: secrets/hardcoded-credential
  ssl: { rejectUnauthorized: true, ca: process.env.PG_CA_CERT }, // ok: auth/tls-verification-disabled
});

// Local development database from docker-compose.
export const devPool = new Pool({
  connectionString: "postgres://shiptrack:gyZNg7NzPL23RJ9a@localhost:5432/shiptrack_dev", // ok: secrets/hardcoded-credential
});

export function poolFor(region) {
  return new Pool({
    connectionString: `postgres://shiptrack:${process.env.DB_PASSWORD}@db-${region}.prod-host.com:5432/shiptrack`, // ok: secrets/hardcoded-credential
  });
}
