import { describe, expect, it } from "vitest";

import { addDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import { CsopsError } from "../errors.js";
import { createCapturingLogger } from "../fakes/fake-test-kit.js";
import { describeEachDatabase, snapshotTables } from "../storage/test-databases.js";
import {
  CONFIG,
  LOGGER,
  RULES,
  at,
  makeCustomer,
  runOn,
  seedDay,
  type ScenarioCustomer,
} from "./daily-test-kit.js";
import { runDay } from "./run-day.js";
import { STALE_LOCK_SECONDS } from "./run-lock.js";

const DAY0 = "2026-11-02";
const day = (n: number): CalendarDate => addDays(DAY0, n);

/** Agencies renewing in 40 days with a failed payment: each gets an alert on its first run. */
function failingAgency(number: number, ownerName?: string): ScenarioCustomer {
  return makeCustomer({
    companyId: `1000${number}`,
    name: `Agency ${number}`,
    domain: `agency-${number}.example`,
    ownerName,
    contractEndDate: day(40),
    paymentFailed: true,
  });
}

describe("runDay", () => {
  describeEachDatabase("the same date run twice", (database) => {
    it("creates nothing the second time, and the run log shows both runs", async () => {
      const { store } = database;
      await seedDay(store, DAY0, [failingAgency(1), failingAgency(2), makeCustomer()]);

      const first = await runOn(store, DAY0, 9);
      const tablesAfterFirst = await snapshotTables(database.database);
      const second = await runOn(store, DAY0, 10);

      expect(first.tasks).toMatchObject({ created: 2, alerts: 2, open: 2 });
      expect(second.tasks).toMatchObject({ created: 0, refreshed: 2, open: 2 });
      expect(second.segments).toEqual(first.segments);
      expect(second.historyChanges).toBe(0);
      const runs = await store.listRuns({ limit: 10, date: DAY0 });
      expect(runs.map((run) => [run.id, run.status, run.startedAt])).toEqual([
        [second.runId, "completed", at(DAY0, 10)],
        [first.runId, "completed", at(DAY0, 9)],
      ]);
      // Apart from the run log, the second run wrote nothing at all.
      const tablesAfterSecond = await snapshotTables(database.database);
      delete tablesAfterSecond.runs;
      delete tablesAfterFirst.runs;
      expect(tablesAfterSecond).toEqual(tablesAfterFirst);
    });

    it("completes when refreshing the statistics afterwards fails, and says so", async () => {
      const { store } = database;
      const { logger, lines } = createCapturingLogger();
      const failing = {
        ...store,
        refreshStatistics: () => Promise.reject(new Error("permission denied")),
      };

      const summary = await runDay(DAY0, {
        store: failing,
        config: CONFIG,
        rules: RULES,
        logger,
        now: () => at(DAY0, 11),
      });

      expect((await store.listRuns({ limit: 1 }))[0]).toMatchObject({
        id: summary.runId,
        status: "completed",
      });
      expect(lines.join("\n")).toContain("could not refresh the database's statistics");
      expect(lines.join("\n")).toContain("permission denied");
    });

    it("counts every segment and bucket, zeros included, and records the summary", async () => {
      const { store } = database;
      const [latest] = await store.listRuns({ limit: 1 });

      expect(latest?.summary).toMatchObject({
        date: DAY0,
        customers: 3,
        degraded: false,
        segments: {
          revenue_at_risk: 2,
          onboarding_stuck: 0,
          engagement_drop: 0,
          expansion_opportunity: 0,
          healthy_stable: 1,
          data_gap: 0,
          none: 0,
        },
      });
      expect(latest?.sources).toEqual([
        expect.objectContaining({ source: "hubspot", state: "fresh", ageDays: 0 }),
        expect.objectContaining({ source: "stripe", state: "fresh", ageDays: 0 }),
        expect.objectContaining({ source: "matomo", state: "fresh", ageDays: 0 }),
      ]);
    });
  });

  describeEachDatabase("two runs started at once for one date", (database) => {
    it("lets one run and the other say so, doing nothing", async () => {
      const { store } = database;
      await seedDay(store, DAY0, [failingAgency(1)]);

      const results = await Promise.allSettled([runOn(store, DAY0), runOn(store, DAY0)]);

      const done = results.filter((result) => result.status === "fulfilled");
      const refused = results.flatMap((result) =>
        result.status === "rejected" ? [result.reason as unknown] : [],
      );
      expect(done).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(CsopsError);
      expect(refused[0]).toMatchObject({ code: "run_in_progress" });
      expect((refused[0] as Error).message).toMatch(
        /a run for 2026-11-02 is already in progress \(run \d+, .*\); this one did nothing/,
      );
      expect(await store.listOpenTasks()).toHaveLength(1);
      const statuses = (await store.listRuns({ limit: 10 })).map((run) => run.status).sort();
      expect(statuses).toEqual(["completed", "skipped"]);
    });

    it("takes over the lock of a run that died, marking that run abandoned", async () => {
      const { store } = database;
      const date = day(1);
      await seedDay(store, date, [failingAgency(1)]);
      const deadRunId = await store.beginRun({ date, trigger: "schedule", startedAt: at(date) });
      const lock = { date, runId: deadRunId, holder: "a crashed process", now: at(date) };
      expect(await store.acquireRunLock(lock, STALE_LOCK_SECONDS)).toEqual({ acquired: true });

      // Nine minutes later the dead run still blocks the date; eleven minutes later it does not.
      const tooSoon = runOn(store, date, 9).catch((error: unknown) => error);
      await expect(
        runDay(date, {
          store,
          config: CONFIG,
          rules: RULES,
          logger: LOGGER,
          now: () => at(date, 9, 9),
        }),
      ).rejects.toMatchObject({ code: "run_in_progress" });
      expect(await tooSoon).toMatchObject({ code: "run_in_progress" });

      const summary = await runDay(date, {
        store,
        config: CONFIG,
        rules: RULES,
        logger: LOGGER,
        now: () => at(date, 9, 11),
      });

      expect(summary.tasks.refreshed).toBe(1);
      const runs = await store.listRuns({ limit: 10, date });
      expect(runs.find((run) => run.id === deadRunId)).toMatchObject({
        status: "abandoned",
        message: `stopped without finishing; run ${summary.runId} took the date over`,
      });
      // The lock is released: the next run of the date goes ahead.
      await expect(runOn(store, date, 12)).resolves.toMatchObject({ tasks: { created: 0 } });
    });
  });

  describeEachDatabase("owners", (database) => {
    it("gives owned customers to their owner and shares the rest out evenly", async () => {
      const { store } = database;
      const customers = [
        failingAgency(1, "Alex Morgan"),
        failingAgency(2, "alex  morgan"),
        failingAgency(3, "Chris Sales"),
        failingAgency(4),
        failingAgency(5),
        failingAgency(6),
      ];
      await seedDay(store, DAY0, customers);
      await runOn(store, DAY0);

      const states = await store.listCustomerStates();
      const assigned = Object.fromEntries(
        [...states.values()].map((s) => [s.customerId, s.assignment]),
      );
      expect(assigned).toEqual({
        "10001": { person: "Alex Morgan", basis: "owner" },
        "10002": { person: "Alex Morgan", basis: "owner" },
        // A sales rep is not on the CS team: shared like the unowned ones, in id order.
        "10003": { person: "Alex Morgan", basis: "shared" },
        "10004": { person: "Sam Patel", basis: "shared" },
        "10005": { person: "Alex Morgan", basis: "shared" },
        "10006": { person: "Sam Patel", basis: "shared" },
      });
      const owners = (await store.listOpenTasks()).map((task) => [task.customerId, task.owner]);
      expect(Object.fromEntries(owners)).toEqual(
        Object.fromEntries(Object.entries(assigned).map(([id, a]) => [id, a?.person])),
      );
    });

    it("keeps shared customers with whoever got them, and shares new ones out evenly", async () => {
      const { store } = database;
      const customers = [
        failingAgency(1, "Alex Morgan"),
        failingAgency(2, "alex  morgan"),
        failingAgency(3, "Chris Sales"),
        // 10004 is now owned by Sam in HubSpot; 10000 and 10007 are new and unowned.
        failingAgency(4, "Sam Patel"),
        failingAgency(5),
        failingAgency(6),
        failingAgency(0),
        failingAgency(7),
      ];
      await seedDay(store, day(1), customers);
      await runOn(store, day(1));

      const states = await store.listCustomerStates();
      const people = Object.fromEntries(
        [...states.values()].map((s) => [s.customerId, s.assignment?.person]),
      );
      expect(people).toEqual({
        "10000": "Sam Patel",
        "10001": "Alex Morgan",
        "10002": "Alex Morgan",
        "10003": "Alex Morgan",
        "10004": "Sam Patel",
        "10005": "Alex Morgan",
        "10006": "Sam Patel",
        // Shared counts were Alex 2, Sam 1 (10004 is Sam's as owner now): Sam, then a tie that
        // goes to the first configured person.
        "10007": "Alex Morgan",
      });
    });
  });

  describeEachDatabase("a day before the latest run", (database) => {
    it("rewrites that day's history and leaves today's tasks alone", async () => {
      const { store } = database;
      const agency = failingAgency(7);
      await seedDay(store, day(0), [{ ...agency, paymentFailed: false }]);
      await runOn(store, day(0));
      await seedDay(store, day(2), [agency]);
      const today = await runOn(store, day(2));
      expect(today.tasks).toMatchObject({ created: 1, open: 1 });
      const tasksBefore = await store.listOpenTasks();

      // The exports of day 0 again (the payment had not failed yet), run for day 0.
      await seedDay(store, day(0), [{ ...agency, paymentFailed: false }]);
      const earlier = await runOn(store, day(0), 11);

      expect(earlier.historyOnlyBefore).toBe(day(2));
      expect(earlier.tasks).toMatchObject({ created: 0, cleared: 0, closed: 0, open: 1 });
      expect(await store.listOpenTasks()).toEqual(tasksBefore);
      const history = await store.listHistory(agency.companyId, { limit: 10 });
      expect(history.map((entry) => [entry.validFrom, entry.segment])).toEqual([
        [day(2), "revenue_at_risk"],
        [day(0), "none"],
      ]);
    });
  });

  describeEachDatabase("decision history", (database) => {
    const inactive = (overrides: Partial<ScenarioCustomer> = {}) =>
      makeCustomer({ contractEndDate: day(40), loginEveryDays: undefined, ...overrides });

    it("grows with what changed, not with every day", async () => {
      const { store } = database;
      for (let n = 0; n <= 3; n += 1) {
        await seedDay(store, day(n), [inactive()]);
        const summary = await runOn(store, day(n));
        expect(summary.historyChanges).toBe(n === 0 ? 1 : 0);
      }
      await seedDay(store, day(4), [inactive({ paymentFailed: true })]);
      expect((await runOn(store, day(4))).historyChanges).toBe(1);

      const history = await store.listHistory("18734299351", { limit: 10 });
      expect(history.map((entry) => [entry.validFrom, entry.segment])).toEqual([
        [day(4), "revenue_at_risk"],
        [day(0), "revenue_at_risk"],
      ]);
      expect(history[0]?.facts).toMatchObject({ paymentFailed: true });
      expect(history[1]?.facts).toMatchObject({ paymentFailed: false });
      expect(history[1]?.reasons.map((reason) => reason.text)).toEqual([
        "days_to_renewal = 40 (<= 60)",
        // No login in the 30 covered days: inactive more than 30 days.
        "days_since_last_login = at least 31 (>= 14)",
      ]);
    });

    it("reads the decision on a date as the newest entry on or before it", async () => {
      const { store } = database;

      expect((await store.findDecisionOn("18734299351", day(2)))?.validFrom).toBe(day(0));
      expect((await store.findDecisionOn("18734299351", day(9)))?.validFrom).toBe(day(4));
      expect(await store.findDecisionOn("18734299351", day(-1))).toBeUndefined();
    });

    it("rewrites a re-run past date, and drops a later entry that now repeats it", async () => {
      const { store } = database;
      // Day 2 again, with the payment already failing: the day-4 entry is no change any more.
      await seedDay(store, day(2), [inactive({ paymentFailed: true })]);
      expect((await runOn(store, day(2))).historyChanges).toBe(1);

      const history = await store.listHistory("18734299351", { limit: 10 });
      expect(history.map((entry) => entry.validFrom)).toEqual([day(2), day(0)]);
    });

    it("removes a re-run date's entry when the decision went back to the one before", async () => {
      const { store } = database;
      await seedDay(store, day(2), [inactive()]);
      expect((await runOn(store, day(2))).historyChanges).toBe(0);

      const history = await store.listHistory("18734299351", { limit: 10 });
      expect(history.map((entry) => entry.validFrom)).toEqual([day(0)]);
    });
  });

  describeEachDatabase("stale and missing data", (database) => {
    it("marks the run degraded and keeps the alert open while payment data is stale", async () => {
      const { store } = database;
      await seedDay(store, DAY0, [failingAgency(1)]);
      await runOn(store, DAY0);

      // Stripe's export stops; HubSpot and Matomo go on. Day 3: Stripe is 3 days old (allowed 2).
      await seedDay(store, day(3), [failingAgency(1)], { without: ["stripe"] });
      const stale = await runOn(store, day(3));

      expect(stale.degraded).toBe(true);
      expect(stale.sources.find((source) => source.source === "stripe")).toMatchObject({
        state: "stale",
        ageDays: 3,
        message: "Stripe data is 3 days old (allowed 2): payment facts are unknown",
      });
      expect(stale.tasks).toMatchObject({ created: 0, cleared: 0, refreshed: 1, open: 1 });
      const [alert] = await store.listOpenTasks();
      expect(alert?.context.unknown.map((unknown) => unknown.fact)).toContain("payment_failed");
    });

    it("closes the open tasks of a company deleted in HubSpot", async () => {
      const { store } = database;
      await seedDay(store, day(4), []);
      await store.transaction(async (tx) => {
        const importId = await tx.beginImport({ file: "deleted.json", startedAt: at(day(4), 8) });
        await tx.upsertRecords(
          "hubspot_companies",
          [{ companyId: "10001", name: "Agency 1", isDeleted: true }],
          importId,
        );
      });
      const summary = await runOn(store, day(4));

      expect(summary).toMatchObject({ departed: 1, tasks: { closed: 1, open: 0 } });
      const [task] = await store.listTasksOfCustomer("10001");
      expect(task).toMatchObject({
        status: "closed",
        closedReason: "the company is no longer in HubSpot (deleted there)",
      });
    });
  });
});
