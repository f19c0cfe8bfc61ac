import { describe, expect, it } from "vitest";

import { addDays } from "../domain/add-days.js";
import { describeEachDatabase, snapshotTables } from "../storage/test-databases.js";
import { logOn, makeCustomer, runOn, seedDay } from "./daily-test-kit.js";

const DAY0 = "2026-11-02";

describe("logOutcome", () => {
  describeEachDatabase("on an alert", (database) => {
    it("refuses an unknown task, a past follow-up date and a closed task, changing nothing", async () => {
      const { store } = database;
      await seedDay(store, DAY0, [
        makeCustomer({ contractEndDate: addDays(DAY0, 40), paymentFailed: true }),
      ]);
      await runOn(store, DAY0);
      const before = await snapshotTables(database.database);

      await expect(
        logOn(store, DAY0, {
          taskId: "T-9999",
          contact: "reached",
          issue: "none",
          result: "resolved",
        }),
      ).rejects.toMatchObject({ code: "task_not_found", message: "there is no task T-9999" });
      await expect(
        logOn(store, DAY0, {
          taskId: "T-1001",
          contact: "reached",
          issue: "payment",
          result: "follow_up",
          followUpOn: addDays(DAY0, -1),
        }),
      ).rejects.toMatchObject({
        code: "outcome_invalid",
        message: expect.stringContaining("the follow-up date 2026-11-01 must be after today"),
      });
      await expect(
        logOn(store, DAY0, {
          taskId: "T-1001",
          contact: "reached",
          issue: "payment",
          result: "follow_up",
          followUpOn: DAY0,
        }),
      ).rejects.toMatchObject({ code: "outcome_invalid" });
      expect(await snapshotTables(database.database)).toEqual(before);

      await logOn(store, DAY0, {
        taskId: "t-1001",
        contact: "voicemail",
        issue: "payment",
        result: "resolved",
        note: "  left a message about the card  ",
      });
      const afterResolve = await snapshotTables(database.database);
      await expect(
        logOn(store, DAY0, {
          taskId: "1001",
          contact: "reached",
          issue: "none",
          result: "resolved",
        }),
      ).rejects.toMatchObject({
        code: "task_closed",
        message: expect.stringContaining("task T-1001 is already done"),
      });
      expect(await snapshotTables(database.database)).toEqual(afterResolve);
    });

    it("keeps the outcome and the resolution", async () => {
      const { store } = database;
      const [outcome] = await store.listOutcomesOf("18734299351");

      expect(outcome).toEqual({
        taskId: "T-1001",
        customerId: "18734299351",
        taskKind: "alert",
        segment: "revenue_at_risk",
        contact: "voicemail",
        issue: "payment",
        result: "resolved",
        followUpOn: undefined,
        note: "left a message about the card",
        loggedBy: "Alex Morgan",
        loggedAt: expect.any(Number),
        loggedOn: DAY0,
      });
      const resolution = (await store.findLatestResolutions(["18734299351"])).get("18734299351");
      expect(resolution).toMatchObject({
        resolvedOn: DAY0,
        resolvedBy: "Alex Morgan",
        segment: "revenue_at_risk",
        taskId: "T-1001",
      });
      expect(resolution?.signals.map((signal) => signal.key)).toEqual(["payment_failed is true"]);
      expect(await store.findTask("T-1001")).toMatchObject({
        status: "done",
        closedOn: DAY0,
        closedReason: "resolved (logged by Alex Morgan)",
      });
    });
  });
});
