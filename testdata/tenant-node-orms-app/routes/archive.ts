import { Router } from "express";
import { requireAuth } from "../middleware/auth";
import { archiveProjectForViewer, unpaidInvoices } from "../lib/queries";

// The archive and dunning screens: the helpers of lib/queries serve them.
export const archiveRouter = Router();

archiveRouter.post("/projects/:id/archive", requireAuth, async (req, res) => {
  res.json(await archiveProjectForViewer(req.user, req.params.id));
});

archiveRouter.get("/invoices/unpaid", requireAuth, async (_req, res) => {
  res.json(await unpaidInvoices());
});
