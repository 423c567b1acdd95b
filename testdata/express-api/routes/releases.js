import { Router } from "express";
import { requireAuth } from "../middleware/auth.ts";

const router = Router();

const GITHUB_TOKEN = "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"; // expect: secrets/hardcoded-credential

// Changelog page: reads releases of the private mobile app repo.
router.get("/", requireAuth, async (_req, res) => {
  const response = await fetch("https://api.github.com/repos/shiptrack/mobile-app/releases?per_page=10", {
    headers: { Authorization: `Bearer ${GITHUB_TOKEN}`, Accept: "application/vnd.github+json" },
  });
  const releases = await response.json();
  res.json(releases.map((r) => ({ tag: r.tag_name, name: r.name, publishedAt: r.published_at, notes: r.body })));
});

export default router;
