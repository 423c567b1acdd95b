import "reflect-metadata";
import MongoStore from "connect-mongo";
import express, { type NextFunction, type Request, type Response } from "express";
import "express-async-errors";
import session from "express-session";
import helmet from "helmet";
import morgan from "morgan";
import { EntityNotFoundError } from "typeorm";
import { HttpError } from "./middleware/auth";
import { archiveRouter } from "./routes/archive";
import { billingRouter } from "./routes/billing";
import { documentsRouter } from "./routes/documents";
import { notesRouter } from "./routes/notes";
import { projectsRouter } from "./routes/projects";

export const app = express();

app.set("trust proxy", 1);
app.use(helmet());
app.use(morgan("tiny"));
app.use(express.json({ limit: "1mb" }));
app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    store: MongoStore.create({ mongoUrl: process.env.MONGODB_URI }),
    cookie: { httpOnly: true, sameSite: "lax", secure: process.env.NODE_ENV === "production" },
  }),
);

app.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});

app.use("/api", projectsRouter);
app.use("/api", notesRouter);
app.use("/api", archiveRouter);
app.use("/api", billingRouter);
app.use("/api", documentsRouter);

app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
  if (err instanceof HttpError) {
    return res.status(err.status).json({ error: err.message });
  }
  if (err instanceof EntityNotFoundError) {
    return res.status(404).json({ error: "Not found" });
  }
  console.error(err);
  res.status(500).json({ error: "Internal server error" });
});
