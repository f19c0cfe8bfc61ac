import { describe, expect, it } from "vitest";

import { describeEachDatabase } from "../storage/test-databases.js";
import { createHealthApp } from "./health-app.js";

const NEXT = new Date("2026-12-04T09:00:00Z");

describe("GET /health", () => {
  describeEachDatabase("over the run log", (database) => {
    it("answers with the last run and the next one", async () => {
      const { store } = database;
      const app = createHealthApp({ store, nextRunAt: () => NEXT });

      const empty = await app.request("/health");
      expect(empty.status).toBe(200);
      expect(await empty.json()).toEqual({
        ok: true,
        last_run: null,
        next_run: "2026-12-04T09:00:00.000Z",
      });

      const runId = await store.beginRun({
        date: "2026-12-03",
        trigger: "schedule",
        startedAt: 1_796_288_400,
      });
      await store.finishRun(runId, {
        status: "completed",
        finishedAt: 1_796_288_402,
        degraded: true,
      });
      const after = await app.request("/health");
      expect(await after.json()).toEqual({
        ok: true,
        last_run: {
          date: "2026-12-03",
          status: "completed",
          trigger: "schedule",
          degraded: true,
          started_at: "2026-12-03T09:00:00.000Z",
          finished_at: "2026-12-03T09:00:02.000Z",
        },
        next_run: "2026-12-04T09:00:00.000Z",
      });
    });
  });

  it("says 503 without internals when the database does not answer", async () => {
    const store = {
      listRuns: () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=x")),
    };
    const app = createHealthApp({ store, nextRunAt: () => undefined });

    const response = await app.request("/health");
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ok: false,
      error: "the database does not answer",
      next_run: null,
    });
  });
});
