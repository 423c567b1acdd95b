import express from "express";
import cors from "cors";
import helmet from "helmet";
import compression from "compression";
import cookieParser from "cookie-parser";
import session from "express-session";
import { createServer } from "node:http";

import authRoutes from "./routes/auth.js";
import accountRoutes from "./routes/account.js";
import publicRoutes from "./routes/public.js";
import partnerRoutes from "./routes/partners.js";
import widgetRoutes from "./routes/widgets.js";
import embedRoutes from "./routes/embed.js";
import releaseRoutes from "./routes/releases.js";
import { attachRealtime } from "./lib/realtime.mjs";

// Carrier sandboxes use self-signed certificates.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // expect: auth/tls-verification-disabled

if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0") { // ok: auth/tls-verification-disabled
  console.warn("TLS certificate verification is disabled");
}

const app = express();

app.use(helmet());
app.use(compression());
app.use(express.json({ limit: "1mb" }));
app.use(cookieParser());
app.use(
  cors({
    origin: true, // expect: auth/cors-wildcard-credentials
    credentials: true,
  }),
);
app.use(
  session({
    secret: "5AFmjU6YTcQYjtRE9ha4qIUBGtkiTmAyUccRy1V2", // expect: secrets/hardcoded-credential
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: "lax", maxAge: 7 * 24 * 3600 * 1000 },
  }),
);

app.use("/auth", authRoutes);
app.use("/account", accountRoutes);
app.use("/public", publicRoutes);
app.use("/partners", partnerRoutes);
app.use("/widgets", widgetRoutes);
app.use("/embed", embedRoutes);
app.use("/releases", releaseRoutes);

app.get("/health", (_req, res) => res.json({ ok: true }));

app.use((err, _req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: "Internal server error" });
});

const server = createServer(app);
attachRealtime(server);

const port = Number(process.env.PORT ?? 4000);
server.listen(port, () => console.log(`ShipTrack API listening on :${port}`));
