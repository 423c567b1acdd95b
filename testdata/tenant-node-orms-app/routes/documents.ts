import { Router } from "express";
import { Container } from "typedi";
import { ILike } from "typeorm";
import { AppDataSource } from "../data-source";
import { Document } from "../entities/document";
import { Folder } from "../entities/folder";
import { Tag } from "../entities/tag";
import { assertMembership, requireAuth } from "../middleware/auth";
import { DocumentService } from "../services/document.service";

export const documentsRouter = Router();

const docs = AppDataSource.getRepository(Document);
const folderRepo = AppDataSource.getRepository(Folder);
const service = () => Container.get(DocumentService);

documentsRouter.get("/documents", requireAuth, async (req, res) => {
  const folderId = typeof req.query.folderId === "string" ? req.query.folderId : undefined;
  const items = await docs.find({ // ok: tenant/missing-org-filter
    where: { workspaceId: req.user.orgId, ...(folderId ? { folderId } : {}) }, // ok: tenant/org-id-from-request
    order: { updatedAt: "DESC" },
    take: 50,
  });
  res.json({ documents: items });
});

// Search box above the document list: matches titles or bodies.
documentsRouter.get("/documents/search", requireAuth, async (req, res) => {
  const pattern = `%${String(req.query.q ?? "")}%`;
  const items = await docs.find({ // expect: tenant/missing-org-filter
    where: [
      { workspaceId: req.user.orgId, title: ILike(pattern) }, // ok: tenant/org-id-from-request
      { body: ILike(pattern) },
    ],
    take: 20,
  });
  res.json({ documents: items });
});

documentsRouter.get("/documents/review-queue", requireAuth, async (_req, res) => {
  res.json({ documents: await service().reviewQueue() });
});

// Header counters on the workspace home.
documentsRouter.get("/documents/counts", requireAuth, async (req, res) => {
  const drafts = await AppDataSource.getRepository(Document).count({ where: { workspaceId: req.user.orgId, status: "draft" } }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  const published = await AppDataSource.getRepository(Document).count({ where: { status: "published" } }); // expect: tenant/missing-org-filter
  res.json({ drafts, published });
});

// Unread badge; polled with the workspace the tab was opened for.
documentsRouter.get("/documents/unread-count", requireAuth, async (req, res) => {
  const unread = await docs.count({ where: { workspaceId: String(req.query.workspaceId), status: "in_review" } }); // expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
  res.json({ unread });
});

// Tag picker.
documentsRouter.get("/tags", requireAuth, async (_req, res) => {
  res.json({ tags: await AppDataSource.getRepository(Tag).find({ order: { label: "ASC" } }) }); // ok: tenant/missing-org-filter
});

documentsRouter.get("/documents/:id", requireAuth, async (req, res) => {
  const doc = await service().byId(req.params.id);
  if (!doc || doc.workspaceId !== req.user.orgId) {
    return res.status(404).json({ error: "Document not found" });
  }
  res.json({ document: doc });
});

// "Download as Markdown" button.
documentsRouter.get("/documents/:id/export", requireAuth, async (req, res) => {
  const doc = await docs.findOne({ where: { id: req.params.id }, relations: { tags: true } }); // expect: tenant/missing-org-filter
  if (!doc) {
    return res.status(404).json({ error: "Document not found" });
  }
  res.type("text/markdown").attachment(`${doc.title}.md`).send(`# ${doc.title}\n\n${doc.body}\n`);
});

documentsRouter.post("/documents/:id/duplicate", requireAuth, async (req, res) => {
  const source = await docs.findOneBy({ id: req.params.id }); // ok: tenant/missing-org-filter
  if (!source || source.workspaceId !== req.user.orgId) {
    return res.status(404).json({ error: "Document not found" });
  }
  const copy = await docs.save(
    docs.create({ ...source, id: undefined, title: `${source.title} (copy)`, authorId: req.user.id, status: "draft" }),
  );
  res.status(201).json({ document: copy });
});

documentsRouter.patch("/documents/:id", requireAuth, async (req, res) => {
  const { title, body, folderId } = req.body;
  await docs.update(req.params.id, { title, body, folderId }); // expect: tenant/missing-org-filter
  res.json({ ok: true });
});

documentsRouter.patch("/documents/:id/status", requireAuth, async (req, res) => {
  const result = await docs.update({ id: req.params.id, workspaceId: req.user.orgId }, { status: req.body.status }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  if (!result.affected) {
    return res.status(404).json({ error: "Document not found" });
  }
  res.json({ ok: true });
});

documentsRouter.delete("/documents/:id", requireAuth, async (req, res) => {
  await docs.findOneByOrFail({ id: req.params.id, workspaceId: req.user.orgId }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  await docs.delete(req.params.id); // ok: tenant/missing-org-filter
  res.status(204).end();
});

// "Empty trash" in the workspace settings; the client sends the workspace being viewed.
documentsRouter.post("/documents/empty-trash", requireAuth, async (req, res) => {
  const result = await docs.delete({ workspaceId: req.body.workspaceId, status: "archived" }); // expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
  res.json({ deleted: result.affected ?? 0 });
});

// Folder tree in the sidebar: /workspaces/:workspaceId/folders
documentsRouter.get("/workspaces/:workspaceId/folders", requireAuth, async (req, res) => {
  const folders = await folderRepo.find({ // ok: tenant/missing-org-filter
    where: { workspaceId: req.params.workspaceId }, // expect: tenant/org-id-from-request
    order: { title: "ASC" },
  });
  res.json({ folders });
});

documentsRouter.get("/workspaces/:workspaceId/documents", requireAuth, async (req, res) => {
  await assertMembership(req.user.id, req.params.workspaceId);
  const items = await docs.findBy({ workspaceId: req.params.workspaceId }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  res.json({ documents: items });
});

// Drag and drop in the folder tree: move a folder under another one.
documentsRouter.post("/folders/:id/move", requireAuth, async (req, res) => {
  const target = await folderRepo.findOneBy({ id: req.body.parentId, workspaceId: req.user.orgId }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  if (!target) {
    return res.status(404).json({ error: "Folder not found" });
  }
  await folderRepo.update(req.params.id, { parentId: target.id }); // expect: tenant/missing-org-filter
  res.json({ ok: true });
});

documentsRouter.delete("/folders/:id", requireAuth, async (req, res) => {
  const folder = await folderRepo.findOneBy({ id: req.params.id }); // ok: tenant/missing-org-filter
  if (!folder || folder.workspaceId !== req.user.orgId) {
    return res.status(404).json({ error: "Folder not found" });
  }
  await docs.update({ folderId: folder.id, workspaceId: req.user.orgId }, { folderId: null }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  await folderRepo.delete(folder.id); // ok: tenant/missing-org-filter
  res.status(204).end();
});
