// `npx prisma db seed`: demo users and products so the storefront is not empty.
// Seed files are not live secrets (secrets/hardcoded-credential stays quiet here), but a
// known login that ends up in the production database is a default credential.
import { PrismaClient } from "@prisma/client";
import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

const prisma = new PrismaClient();

// Shared by every support agent until they change it.
const SUPPORT_PASSWORD = "changeme"; // expect: web/default-credentials

const DEMO_USERS = [
  { email: "admin@shelf.dev", name: "Admin", role: "ADMIN", password: "admin" }, // expect: web/default-credentials
  { email: "creator@shelf.dev", name: "Demo Creator", role: "CREATOR", password: "password123" }, // expect: web/default-credentials
  { email: "support@shelf.dev", name: "Support", role: "SUPPORT", password: SUPPORT_PASSWORD },
  {
    email: "buyer@shelf.dev",
    name: "Demo Buyer",
    role: "CUSTOMER",
    password: process.env.SEED_BUYER_PASSWORD ?? randomBytes(18).toString("base64url"), // ok: web/default-credentials
  },
] as const;

const DEMO_PRODUCTS = [
  { slug: "lightroom-presets-vol-1", title: "Lightroom Presets Vol. 1", category: "presets", priceCents: 1900 },
  { slug: "notion-budget-template", title: "Notion Budget Template", category: "templates", priceCents: 900 },
  { slug: "indie-hacker-handbook", title: "The Indie Hacker Handbook", category: "ebooks", priceCents: 2400 },
];

async function main() {
  await prisma.order.deleteMany();
  await prisma.product.deleteMany();
  await prisma.user.deleteMany();

  for (const u of DEMO_USERS) {
    await prisma.user.create({
      data: {
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash: await bcrypt.hash(u.password, 10),
      },
    });
  }

  // The QA account logs in with a one-time password printed to the console.
  const qaPassword = randomBytes(12).toString("hex"); // ok: web/default-credentials
  await prisma.user.create({
    data: { email: "qa@shelf.dev", name: "QA", passwordHash: await bcrypt.hash(qaPassword, 10) },
  });
  console.log(`QA login: qa@shelf.dev / ${qaPassword}`);

  const creator = await prisma.user.findUniqueOrThrow({ where: { email: "creator@shelf.dev" } });
  await prisma.product.createMany({
    data: DEMO_PRODUCTS.map((p) => ({ ...p, creatorId: creator.id, filePath: `products/${p.slug}.zip` })),
  });
}

main()
  .then(() => prisma.$disconnect())
  .catch(async (err) => {
    console.error(err);
    await prisma.$disconnect();
    process.exit(1);
  });
