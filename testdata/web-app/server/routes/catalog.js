// Storefront catalog, search and creator sales reports.
import { Router } from "express";
import pg from "pg";
import mysql from "mysql2/promise";
import Knex from "knex";

import { requireAuth } from "../lib/auth.js";

const router = Router();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
// Search still runs on the old storefront's MySQL replica.
const legacy = mysql.createPool(process.env.LEGACY_MYSQL_URL);
const knex = Knex({ client: "pg", connection: process.env.DATABASE_URL });

const PAGE_SIZE = 24;
const PRODUCT_COLUMNS = "id, slug, title, category, price_cents, cover_url";

router.get("/products", async (req, res) => {
  const { rows } = await pool.query(`SELECT ${PRODUCT_COLUMNS} FROM products ORDER BY created_at DESC LIMIT ${PAGE_SIZE}`); // ok: web/sql-injection
  res.json(rows);
});

router.get("/products/:slug", async (req, res) => {
  const { rows } = await pool.query("SELECT * FROM products WHERE slug = '" + req.params.slug + "'"); // expect: web/sql-injection
  if (!rows[0]) return res.sendStatus(404);
  res.json(rows[0]);
});

router.get("/categories/:category", async (req, res) => {
  const { rows } = await pool.query(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE category = $1 LIMIT $2`, [req.params.category, PAGE_SIZE]); // ok: web/sql-injection
  res.json(rows);
});

router.get("/search", async (req, res) => {
  const [rows] = await legacy.query(`SELECT id, title FROM products WHERE title LIKE '%${req.query.q}%' LIMIT 20`); // expect: web/sql-injection
  res.json(rows);
});

router.get("/search/suggest", async (req, res) => {
  const [rows] = await legacy.execute("SELECT title FROM products WHERE title LIKE ? LIMIT 5", [`${req.query.q}%`]); // ok: web/sql-injection
  res.json(rows.map((r) => r.title));
});

router.get("/creators/:id/sales", requireAuth, async (req, res) => {
  const sales = await knex.raw(`SELECT date_trunc('day', o.created_at) AS day, sum(o.amount_cents) AS total FROM orders o JOIN products p ON p.id = o.product_id WHERE p.creator_id = '${req.params.id}' GROUP BY 1 ORDER BY 1`); // expect: web/sql-injection
  res.json(sales.rows);
});

router.get("/creators/:id/top-products", requireAuth, async (req, res) => {
  const top = await knex.raw("SELECT p.title, count(*) AS sold FROM orders o JOIN products p ON p.id = o.product_id WHERE p.creator_id = ? GROUP BY p.title ORDER BY sold DESC LIMIT 10", [req.params.id]); // ok: web/sql-injection
  res.json(top.rows);
});

router.get("/orders/lookup", requireAuth, async (req, res) => {
  const where = "user_id = '" + req.user.id + "' AND status = '" + req.query.status + "'";
  const { rows } = await pool.query("SELECT id, product_id, amount_cents, status FROM orders WHERE " + where); // expect: web/sql-injection
  res.json(rows);
});

router.use((err, _req, res, _next) => {
  res.status(500).send(err.stack); // expect: web/debug-enabled
});

export default router;

// Batch updates built from the server's own list of changes.
export async function applyUpdates(updates) {
  for (const update of updates) {
    await pool.query(`UPDATE products SET ${update.setClauses.join(", ")} WHERE id = $${update.params.length + 1}`, [...update.params, update.id]); // ok: web/sql-injection
  }
}
