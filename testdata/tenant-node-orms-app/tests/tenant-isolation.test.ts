import "reflect-metadata";
import type { NextFunction, Request, Response } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppDataSource } from "../data-source";
import { Document } from "../entities/document";
import { Note } from "../models/mongoose/note";
import { Project } from "../models/mongoose/project";
import { Invoice } from "../models/sequelize/invoice";
import type { SessionUser } from "../types/express";

const ACME = "65f000000000000000000001";
const GLOBEX = "65f000000000000000000002";
let currentUser: SessionUser = { id: "65f0000000000000000000a1", orgId: ACME, email: "ada@acme.test", role: "owner" };

vi.mock("../middleware/auth", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../middleware/auth")>();
  return {
    ...actual,
    requireAuth: (req: Request, res: Response, next: NextFunction) => {
      req.user = currentUser;
      res.locals.user = currentUser;
      next();
    },
  };
});

const { app } = await import("../app");

describe("tenant isolation", () => {
  let globexProjectId: string;
  let globexDocId: string;

  beforeAll(async () => {
    await AppDataSource.initialize();
    const project = await Project.create({ orgId: GLOBEX, ownerId: currentUser.id, name: "Secret launch" });
    globexProjectId = String(project._id);
    const doc = await AppDataSource.getRepository(Document).save({
      workspaceId: GLOBEX,
      authorId: currentUser.id,
      title: "Board minutes",
      body: "",
    });
    globexDocId = doc.id;
  });

  afterAll(async () => {
    await Project.deleteMany({ name: "Secret launch" }); // ok: tenant/missing-org-filter
    await Note.deleteMany({}); // ok: tenant/missing-org-filter
    await AppDataSource.getRepository(Document).delete({ title: "Board minutes" }); // ok: tenant/missing-org-filter
    await AppDataSource.destroy();
  });

  it("hides another organization's project", async () => {
    const res = await request(app).get(`/api/projects/${globexProjectId}`);
    expect(res.status).toBe(404);
  });

  it("hides another workspace's document", async () => {
    const res = await request(app).get(`/api/documents/${globexDocId}`);
    expect(res.status).toBe(404);
    const stored = await AppDataSource.getRepository(Document).findOneBy({ id: globexDocId }); // ok: tenant/missing-org-filter
    expect(stored?.workspaceId).toBe(GLOBEX);
  });

  it("does not void another organization's invoice", async () => {
    const invoice = await Invoice.findOne({ where: { status: "open" } }); // ok: tenant/missing-org-filter
    if (!invoice) return;
    currentUser = { ...currentUser, orgId: invoice.organizationId === ACME ? GLOBEX : ACME };
    await request(app).post(`/api/invoices/${invoice.id}/void`);
    const after = await Invoice.findByPk(invoice.id); // ok: tenant/missing-org-filter
    expect(after?.status).toBe("open");
  });
});
