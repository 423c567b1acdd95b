// Shelf API: the Express backend used by the mobile app and the creator dashboard.
import express from "express";
import helmet from "helmet";
import cookieParser from "cookie-parser";
import session from "express-session";
import RedisStore from "connect-redis";
import { createClient } from "redis";

import authRoutes from "./routes/auth.js";
import adminRoutes from "./routes/admin.js";
import catalogRoutes from "./routes/catalog.js";
import { ensureAdmin, ensureMonitorUser } from "./lib/bootstrap.js";

const app = express();
const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();

app.set("trust proxy", 1);
app.use(helmet());
app.use(express.json({ limit: "1mb" }));
app.use(cookieParser());

// Dashboard sessions (the creator dashboard is server-rendered).
app.use(
  session({
    store: new RedisStore({ client: redis, prefix: "shelf:sess:" }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      secure: false, // expect: auth/insecure-cookie
      sameSite: "lax",
      maxAge: 1000 * 60 * 60 * 24 * 7,
    },
  }),
);

// Checkout flow of the embeddable buy button (served from creators' own sites).
app.use(
  "/embed",
  session({
    name: "shelf_embed_sid",
    store: new RedisStore({ client: redis, prefix: "shelf:embed:" }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      secure: process.env.NODE_ENV === "production", // ok: auth/insecure-cookie
      sameSite: "none", // ok: auth/insecure-cookie
      maxAge: 1000 * 60 * 30,
    },
  }),
);

app.use("/auth", authRoutes);
app.use("/admin", adminRoutes);
app.use("/catalog", catalogRoutes);

app.get("/health", (_req, res) => res.json({ ok: true }));

app.post("/preferences/theme", (req, res) => {
  res.cookie("theme", req.body.theme === "dark" ? "dark" : "light", { maxAge: 31536000000 }); // ok: auth/insecure-cookie
  res.cookie("locale", String(req.body.locale ?? "en")); // ok: auth/insecure-cookie
  res.sendStatus(204);
});

app.use((err, _req, res, _next) => {
  console.error(err.stack); // ok: web/debug-enabled
  res.status(err.status ?? 500).json({
    message: err.message,
    stack: err.stack, // expect: web/debug-enabled
  });
});

await ensureAdmin();
await ensureMonitorUser();

const port = Number(process.env.PORT ?? 4000);
app.listen(port, () => console.log(`Shelf API listening on :${port}`));
