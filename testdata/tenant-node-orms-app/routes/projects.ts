import { Router } from "express";
import type { FilterQuery } from "mongoose";
import { assertMembership, requireAuth, requireOrgMember } from "../middleware/auth";
import { Note } from "../models/mongoose/note";
import { Project, type ProjectDoc } from "../models/mongoose/project";

export const projectsRouter = Router();

const PAGE_SIZE = 25;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Project board. The org switcher in the sidebar appends ?orgId=<active org> to every call.
projectsRouter.get("/projects", requireAuth, async (req, res) => {
  const orgId = req.query.orgId as string;
  const status = typeof req.query.status === "string" ? req.query.status : "active";
  const page = Math.max(1, Number(req.query.page ?? 1));

  const projects = await Project.find({ orgId, status }) // expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
    .sort({ updatedAt: -1 })
    .skip((page - 1) * PAGE_SIZE)
    .limit(PAGE_SIZE)
    .lean();
  res.json({ projects, page });
});

// Quick-open search (Cmd+K).
projectsRouter.get("/projects/search", requireAuth, async (req, res) => {
  const filter: FilterQuery<ProjectDoc> = { orgId: req.user.orgId, status: { $ne: "archived" } }; // ok: tenant/org-id-from-request
  if (typeof req.query.q === "string" && req.query.q.trim()) {
    filter.name = { $regex: escapeRegex(req.query.q.trim()), $options: "i" };
  }
  const projects = await Project.find(filter).select("name color status").limit(10).lean(); // ok: tenant/missing-org-filter
  res.json({ projects });
});

// Dashboard tiles.
projectsRouter.get("/projects/stats", requireAuth, async (req, res) => {
  const [active, paused, archived] = await Promise.all([
    Project.countDocuments({ orgId: req.user.orgId, status: "active" }), // ok: tenant/missing-org-filter, tenant/org-id-from-request
    Project.countDocuments({ orgId: res.locals.user.orgId, status: "paused" }), // ok: tenant/missing-org-filter, tenant/org-id-from-request
    Project.countDocuments({ status: "archived" }), // expect: tenant/missing-org-filter
  ]);
  res.json({ active, paused, archived });
});

projectsRouter.get("/projects/:id", requireAuth, async (req, res) => {
  const project = await Project.findById(req.params.id).populate("ownerId", "name avatarUrl").lean(); // ok: tenant/missing-org-filter
  if (!project || project.orgId.toString() !== req.user.orgId) {
    return res.status(404).json({ error: "Project not found" });
  }
  const notes = await Note.find({ projectId: project._id, orgId: req.user.orgId }) // ok: tenant/missing-org-filter, tenant/org-id-from-request
    .sort({ pinned: -1, updatedAt: -1 })
    .lean();
  res.json({ project, notes });
});

projectsRouter.patch("/projects/:id", requireAuth, async (req, res) => {
  const { name, description, status, color } = req.body;
  const project = await Project.findByIdAndUpdate( // expect: tenant/missing-org-filter
    req.params.id,
    { name, description, status, color },
    { new: true, runValidators: true },
  );
  if (!project) {
    return res.status(404).json({ error: "Project not found" });
  }
  res.json({ project });
});

projectsRouter.post("/projects/:id/archive", requireAuth, async (req, res) => {
  const project = await Project.findOneAndUpdate( // ok: tenant/missing-org-filter
    { _id: req.params.id, orgId: req.user.orgId }, // ok: tenant/org-id-from-request
    { $set: { status: "archived" } },
    { new: true },
  );
  if (!project) {
    return res.status(404).json({ error: "Project not found" });
  }
  res.json({ project });
});

projectsRouter.delete("/projects/:id", requireAuth, async (req, res) => {
  const project = await Project.findOne({ _id: req.params.id, orgId: req.user.orgId }).select("_id").lean(); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  if (!project) {
    return res.status(404).json({ error: "Project not found" });
  }
  await Note.deleteMany({ projectId: req.params.id, orgId: req.user.orgId }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  await Project.findByIdAndDelete(req.params.id); // ok: tenant/missing-org-filter
  res.status(204).end();
});

// Deep links from the org switcher: /orgs/:orgId/projects
projectsRouter.get("/orgs/:orgId/projects", requireAuth, async (req, res) => {
  await assertMembership(req.user.id, req.params.orgId);
  const projects = await Project.find({ orgId: req.params.orgId }).sort({ name: 1 }).lean(); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  res.json({ projects });
});

// Same page, "Archived" tab: the membership check is the route's middleware.
projectsRouter.get("/orgs/:orgId/projects/archived", requireAuth, requireOrgMember, async (req, res) => {
  const projects = await Project.find({ orgId: req.params.orgId, status: "archived" }).lean(); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  res.json({ projects });
});

// "Archive stale projects" button in the org settings.
projectsRouter.post("/orgs/:orgId/projects/archive-stale", requireAuth, async (req, res) => {
  const days = Number(req.body.olderThanDays ?? 90);
  const cutoff = new Date(Date.now() - days * 86_400_000);
  const result = await Project.updateMany( // ok: tenant/missing-org-filter
    { orgId: req.params.orgId, status: "active", updatedAt: { $lt: cutoff } }, // expect: tenant/org-id-from-request
    { $set: { status: "archived" } },
  );
  res.json({ archived: result.modifiedCount });
});
