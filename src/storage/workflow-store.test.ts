import { describe, expect, it } from "vitest";

import type { Outcome, Task } from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import { describeEachDatabase } from "./test-databases.js";

/** An open alert with every optional field set; override the case's fields. */
function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: "T-1001",
    customerId: "9001",
    kind: "alert",
    segment: "revenue_at_risk",
    label: "Revenue at Risk",
    title: "URGENT: Call Derras Real Estate",
    action: "call",
    priority: 1,
    dueAt: 1_796_374_800,
    dueDate: "2026-12-04",
    status: "open",
    reasons: [
      { fact: "days_to_renewal", condition: "days_to_renewal <= 60", value: 40, text: "x" },
    ],
    signals: [
      {
        key: "support_tickets >= 3",
        text: "support_tickets = 3 (>= 3)",
        condition: { fact: "support_tickets", op: ">=", value: 3 },
      },
    ],
    escalation: {
      fromSegment: "revenue_at_risk",
      fromTaskId: "T-1000",
      trigger: "new_signal",
      signals: [],
    },
    context: {
      asOf: "2026-12-03",
      companyName: "Derras Real Estate",
      lastLogin: { kind: "none_since", date: "2026-11-03" },
      daysSinceLastLogin: ">=31",
      unknown: [{ fact: "plan", source: "HubSpot (plan)" }],
      possibly: [],
    },
    owner: "Alex Morgan",
    createdOn: "2026-12-03",
    followUpOf: "T-998",
    pendingFollowUpId: "T-999",
    ...overrides,
  };
}

function makeOutcome(overrides: Partial<Outcome> = {}): Outcome {
  return {
    taskId: "T-1001",
    customerId: "9001",
    taskKind: "alert",
    segment: "revenue_at_risk",
    contact: "reached",
    issue: "payment",
    result: "resolved",
    note: "",
    loggedBy: "Alex Morgan",
    loggedAt: 1_796_300_000,
    loggedOn: "2026-12-03",
    ...overrides,
  };
}

describe("the workflow tables", () => {
  describeEachDatabase("tasks", (database) => {
    it("keeps every field of a task, and lists a customer's tasks by number", async () => {
      const { store } = database;
      const task = makeTask();
      const older = makeTask({
        id: "T-999",
        status: "done",
        closedReason: "resolved (logged by Alex Morgan)",
        closedOn: "2026-12-02",
        escalation: undefined,
        owner: undefined,
        followUpOf: undefined,
        pendingFollowUpId: undefined,
      });
      await store.transaction((tx) => tx.insertTasks([task, older]));

      expect(await store.findTask("T-1001")).toEqual(task);
      expect(await store.findTask("T-999")).toEqual(older);
      expect(await store.findTask("T-1")).toBeUndefined();
      // By number, not as text ("T-999" sorts after "T-1001" as text).
      const listed = await store.listTasksOfCustomer("9001");
      expect(listed.map((t) => t.id)).toEqual(["T-1001", "T-999"]);
      expect((await store.listOpenTasksOf(["9001", "9002"])).map((t) => t.id)).toEqual(["T-1001"]);
      expect(await store.listCustomersWithOpenTasks()).toEqual(["9001"]);
    });

    it("updates only tasks still open, and undoes the whole transaction when one is not", async () => {
      const { store } = database;
      const refreshed = makeTask({ context: { ...makeTask().context, asOf: "2026-12-04" } });

      const failure = await store
        .transaction(async (tx) => {
          await tx.updateOpenTasks([refreshed]);
          await tx.updateOpenTasks([makeTask({ id: "T-999", status: "cleared" })]);
        })
        .catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(CsopsError);
      expect(failure).toMatchObject({
        code: "task_conflict",
        message: "task T-999 was changed by someone else meanwhile; nothing was saved, try again",
      });
      expect((await store.findTask("T-1001"))?.context.asOf).toBe("2026-12-03");

      await store.transaction((tx) => tx.updateOpenTasks([refreshed]));
      expect((await store.findTask("T-1001"))?.context.asOf).toBe("2026-12-04");
    });

    it("updates many open tasks at once, and names the one that was closed meanwhile", async () => {
      const { store } = database;
      const tasks = Array.from({ length: 1200 }, (_, index) =>
        makeTask({ id: `T-${5000 + index}`, customerId: `c${index}` }),
      );
      await store.transaction((tx) => tx.insertTasks(tasks));
      const refreshed = tasks.map((task) => ({
        ...task,
        owner: "Sam Patel",
        context: { ...task.context, asOf: "2026-12-04" },
      }));
      await store.transaction((tx) => tx.updateOpenTasks(refreshed));
      expect((await store.findTask("T-5000"))?.owner).toBe("Sam Patel");
      expect((await store.findTask("T-6199"))?.context.asOf).toBe("2026-12-04");

      await store.transaction((tx) =>
        tx.updateOpenTasks([{ ...refreshed[700]!, status: "cleared", closedOn: "2026-12-04" }]),
      );
      const failure = await store
        .transaction((tx) => tx.updateOpenTasks(refreshed.map((t) => ({ ...t, owner: "Alex" }))))
        .catch((error: unknown) => error);

      expect(failure).toMatchObject({
        code: "task_conflict",
        message: expect.stringContaining("T-5700 "),
      });
      expect((await store.findTask("T-5000"))?.owner).toBe("Sam Patel");
    });

    it("finds each customer's last check-in, whatever became of it", async () => {
      const { store } = database;
      await store.transaction((tx) =>
        tx.insertTasks([
          makeTask({ id: "T-2001", kind: "check_in", createdOn: "2026-10-05", status: "done" }),
          makeTask({
            id: "T-2002",
            kind: "check_in",
            createdOn: "2026-11-05",
            status: "superseded",
          }),
          makeTask({ id: "T-2003", kind: "check_in", customerId: "9002", createdOn: "2026-09-01" }),
        ]),
      );

      const last = await store.findLastCheckIns(["9001", "9002", "9003"]);
      expect(Object.fromEntries(last)).toEqual({ "9001": "2026-11-05", "9002": "2026-09-01" });
    });
  });

  describeEachDatabase("task numbers", (database) => {
    it("hands out numbers after the last one saved; a rolled-back transaction's come back", async () => {
      const { store } = database;
      const first = await store.transaction(async (tx) => {
        const numbers = await tx.reserveTaskNumbers();
        const ids = [numbers.next(), numbers.next()];
        await numbers.save();
        return ids;
      });
      await store
        .transaction(async (tx) => {
          const numbers = await tx.reserveTaskNumbers();
          numbers.next();
          await numbers.save();
          throw new Error("crash");
        })
        .catch(() => undefined);
      const second = await store.transaction(async (tx) => {
        const numbers = await tx.reserveTaskNumbers();
        const id = numbers.next();
        await numbers.save();
        return id;
      });

      expect(first).toEqual(["T-1001", "T-1002"]);
      expect(second).toBe("T-1003");
    });

    it("never gives two transactions at once the same number", async () => {
      const { store } = database;
      const reserve = () =>
        store.transaction(async (tx) => {
          const numbers = await tx.reserveTaskNumbers();
          const ids = [numbers.next(), numbers.next(), numbers.next()];
          await tx.insertTasks(ids.map((id) => makeTask({ id, customerId: "7000" })));
          await numbers.save();
          return ids;
        });

      const batches = await Promise.all([reserve(), reserve(), reserve()]);

      expect(new Set(batches.flat()).size).toBe(9);
      expect((await store.listTasksOfCustomer("7000")).map((t) => t.id)).toEqual([
        "T-1012",
        "T-1011",
        "T-1010",
        "T-1009",
        "T-1008",
        "T-1007",
        "T-1006",
        "T-1005",
        "T-1004",
      ]);
    });
  });

  describeEachDatabase("outcomes, resolutions and customer states", (database) => {
    it("counts touchpoints between dates, on one person's tasks when asked", async () => {
      const { store } = database;
      await store.transaction(async (tx) => {
        await tx.insertTasks([
          makeTask({ id: "T-1001", owner: "Alex Morgan" }),
          makeTask({ id: "T-1002", owner: "Sam Patel" }),
        ]);
        await tx.insertOutcome(makeOutcome({ loggedOn: "2026-11-29" }));
        await tx.insertOutcome(makeOutcome({ loggedOn: "2026-11-30" }));
        await tx.insertOutcome(makeOutcome({ taskId: "T-1002", loggedOn: "2026-12-06" }));
        await tx.insertOutcome(makeOutcome({ loggedOn: "2026-12-07" }));
      });
      const week = { from: "2026-11-30", to: "2026-12-06" };

      expect(await store.countOutcomes(week)).toBe(2);
      expect(await store.countOutcomes({ ...week, owner: "Sam Patel" })).toBe(1);
      expect(await store.countOutcomes({ ...week, owner: "Pat Nobody" })).toBe(0);
      expect((await store.listOutcomesOf("9001")).map((o) => o.loggedOn)).toEqual([
        "2026-12-07",
        "2026-12-06",
        "2026-11-30",
        "2026-11-29",
      ]);
    });

    it("reads each customer's latest resolution and forgets its lapsed signals", async () => {
      const { store } = database;
      const signals = makeTask().signals;
      await store.transaction(async (tx) => {
        const base = {
          customerId: "9001",
          resolvedBy: "Alex Morgan",
          segment: "revenue_at_risk" as const,
          taskId: "T-1001",
        };
        await tx.insertResolution({ ...base, resolvedOn: "2026-11-01", signals: [] });
        await tx.insertResolution({ ...base, resolvedOn: "2026-12-01", signals });
        await tx.updateResolutionSignals({
          customerId: "9001",
          resolvedOn: "2026-12-01",
          signals: [],
        });
      });

      const latest = await store.findLatestResolutions(["9001", "9002"]);
      expect([...latest.keys()]).toEqual(["9001"]);
      expect(latest.get("9001")).toMatchObject({ resolvedOn: "2026-12-01", signals: [] });
    });

    it("adds customers with their CS person, and cancels without losing the assignment", async () => {
      const { store } = database;
      await store.transaction(async (tx) => {
        await tx.saveAssignments(
          [
            { customerId: "9001", assignment: { person: "Alex Morgan", basis: "owner" } },
            { customerId: "9002", assignment: undefined },
          ],
          "2026-12-01",
        );
        await tx.cancelCustomer({
          customerId: "9001",
          canceledOn: "2026-12-03",
          canceledBy: "Sam Patel",
        });
        await tx.saveAssignments(
          [{ customerId: "9001", assignment: { person: "Sam Patel", basis: "shared" } }],
          "2026-12-04",
        );
      });

      const states = await store.listCustomerStates();
      expect(states.get("9001")).toEqual({
        customerId: "9001",
        status: "canceled",
        canceledOn: "2026-12-03",
        canceledBy: "Sam Patel",
        assignment: { person: "Sam Patel", basis: "shared" },
        firstSeenOn: "2026-12-01",
      });
      expect(states.get("9002")).toMatchObject({ status: "active", assignment: undefined });
    });
  });

  describeEachDatabase("company search and the run lock", (database) => {
    it("finds a company by id, by name in any case, or by a unique part of its name", async () => {
      const { store } = database;
      await store.transaction(async (tx) => {
        const importId = await tx.beginImport({ file: "companies.csv", startedAt: 1 });
        await tx.upsertRecords(
          "hubspot_companies",
          [
            { companyId: "1", name: "Derras Real Estate" },
            { companyId: "2", name: "Derras Lettings" },
            { companyId: "3", name: "100% Homes" },
            { companyId: "4", name: "1000 Homes" },
          ],
          importId,
        );
      });
      const names = async (text: string) =>
        (await store.searchCompanies(text, { limit: 5 })).map((match) => match.name);

      expect(await names("2")).toEqual(["Derras Lettings"]);
      expect(await names("derras real estate")).toEqual(["Derras Real Estate"]);
      expect(await names("DERRAS")).toEqual(["Derras Lettings", "Derras Real Estate"]);
      // A % is a character people type, not a pattern.
      expect(await names("100%")).toEqual(["100% Homes"]);
      expect(await names("Nowhere")).toEqual([]);
    });

    it("lets one run hold a date, and refuses the next until it lets go", async () => {
      const { store } = database;
      const lock = { date: "2026-12-03", holder: "test", now: 1_000 };

      expect(await store.acquireRunLock({ ...lock, runId: 1 }, 600)).toEqual({ acquired: true });
      expect(await store.acquireRunLock({ ...lock, runId: 2 }, 600)).toEqual({
        acquired: false,
        heldBy: {
          date: "2026-12-03",
          runId: 1,
          holder: "test",
          lockedAt: 1_000,
          heartbeatAt: 1_000,
        },
      });
      expect(await store.refreshRunLock({ date: "2026-12-03", runId: 2, now: 1_100 })).toBe(false);
      expect(await store.refreshRunLock({ date: "2026-12-03", runId: 1, now: 1_100 })).toBe(true);
      // Another date is another lock.
      expect(await store.acquireRunLock({ ...lock, date: "2026-12-04", runId: 3 }, 600)).toEqual({
        acquired: true,
      });

      await store.releaseRunLock({ date: "2026-12-03", runId: 1 });
      expect(await store.acquireRunLock({ ...lock, runId: 2, now: 1_200 }, 600)).toEqual({
        acquired: true,
      });
    });
  });
});
