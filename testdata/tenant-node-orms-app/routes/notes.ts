import { Router } from "express";
import type { FilterQuery } from "mongoose";
import { requireAuth } from "../middleware/auth";
import type { SessionUser } from "../types/express";
import { Note, type NoteDoc } from "../models/mongoose/note";

export const notesRouter = Router();

// Shared by the search endpoints: the caller's organization plus the endpoint's conditions.
function orgScope(user: SessionUser, extra: FilterQuery<NoteDoc> = {}): FilterQuery<NoteDoc> {
  return { ...extra, orgId: user.orgId };
}

notesRouter.get("/notes", requireAuth, async (req, res) => {
  const notes = await Note.find({ $and: [{ orgId: req.user.orgId }, { projectId: req.query.projectId }] }) // ok: tenant/missing-org-filter, tenant/org-id-from-request
    .sort({ pinned: -1, updatedAt: -1 })
    .lean();
  res.json({ notes });
});

notesRouter.get("/notes/search", requireAuth, async (req, res) => {
  const q = String(req.query.q ?? "").slice(0, 100);
  const notes = await Note.find(orgScope(req.user, { $text: { $search: q } })).limit(20).lean(); // ok: tenant/missing-org-filter
  res.json({ notes });
});

// "Pinned" section of the sidebar.
notesRouter.get("/notes/pinned", requireAuth, async (_req, res) => {
  const notes = await Note.find({ pinned: true }).sort({ updatedAt: -1 }).limit(10).lean(); // expect: tenant/missing-org-filter
  res.json({ notes });
});

notesRouter.get("/notes/mine", requireAuth, async (req, res) => {
  const notes = await Note.find({ authorId: req.user.id }).sort({ updatedAt: -1 }).lean(); // ok: tenant/missing-org-filter
  res.json({ notes });
});

// Note drawer, opened from a link such as /notes/<id>.
notesRouter.get("/notes/:id", requireAuth, async (req, res) => {
  return res.json(await Note.findById(req.params.id).lean()); // expect: tenant/missing-org-filter
});

// Edit form: same lookup, but the note must belong to the caller's organization.
notesRouter.get("/notes/:id/edit", requireAuth, async (req, res) => {
  const note = await Note.findById(req.params.id); // ok: tenant/missing-org-filter
  if (!note || !note.orgId.equals(req.user.orgId)) {
    return res.status(404).json({ error: "Note not found" });
  }
  res.json({ note });
});

notesRouter.get("/notes/:id/history", requireAuth, async (req, res) => {
  const note = await Note.findOne({ _id: req.params.id }).select("title updatedAt orgId").lean(); // ok: tenant/missing-org-filter
  if (!note || String(note.orgId) !== req.user.orgId) {
    return res.status(404).json({ error: "Note not found" });
  }
  res.json({ note, history: [] });
});

notesRouter.post("/notes/:id/pin", requireAuth, async (req, res) => {
  await Note.updateOne({ _id: req.params.id }, { $set: { pinned: Boolean(req.body.pinned) } }); // expect: tenant/missing-org-filter
  res.json({ ok: true });
});

// Authors can delete their own notes.
notesRouter.delete("/notes/:id", requireAuth, async (req, res) => {
  const { deletedCount } = await Note.deleteOne({ _id: req.params.id, authorId: req.user.id }); // ok: tenant/missing-org-filter
  if (deletedCount === 0) {
    return res.status(404).json({ error: "Note not found" });
  }
  res.status(204).end();
});

// Multi-select toolbar: the client sends the selected ids and the active org.
notesRouter.post("/notes/bulk-delete", requireAuth, async (req, res) => {
  const { noteIds, orgId } = req.body as { noteIds: string[]; orgId: string };
  const result = await Note.deleteMany({ _id: { $in: noteIds }, orgId }); // expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
  res.json({ deleted: result.deletedCount });
});

notesRouter.post("/notes/bulk-move", requireAuth, async (req, res) => {
  const { noteIds, projectId } = req.body as { noteIds: string[]; projectId: string };
  const result = await Note.updateMany( // ok: tenant/missing-org-filter
    { _id: { $in: noteIds }, orgId: req.user.orgId }, // ok: tenant/org-id-from-request
    { $set: { projectId } },
  );
  res.json({ moved: result.modifiedCount });
});
