import { expect, it } from "vitest";
import { taskHistory } from "./task-history";

it("lists completions", async () => {
  expect(await taskHistory.latestCompletions()).toEqual([]);
});
