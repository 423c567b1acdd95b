import { describe, expect, it } from "vitest";
import { queryAuditLogs, recentAuditActions } from "./queries";

describe("audit queries", () => {
  it("lists logs", async () => {
    expect(await queryAuditLogs({ action: "login" })).toEqual([]);
    expect(await recentAuditActions()).toEqual([]);
  });
});
