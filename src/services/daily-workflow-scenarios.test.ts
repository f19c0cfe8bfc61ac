import { describe, expect, it } from "vitest";

import { addDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import type { Task } from "../domain/tasks/index.js";
import type { Store } from "../storage/store.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import {
  CONFIG,
  RULES,
  at,
  logOn,
  makeCustomer,
  runOn,
  seedDay,
  type ScenarioCustomer,
} from "./daily-test-kit.js";
import { explainCustomer } from "./explain-customer.js";
import { loadQueue } from "./load-queue.js";

// The workflow scenarios of src/domain/tasks/workflow-scenarios.test.ts, walked day by day
// through the real store: sources written each morning, the daily run, the outcome form.
// Day 0 is Monday 2 November 2026; the contract ends 40 days later.
const DAY0 = "2026-11-02";
const day = (n: number): CalendarDate => addDays(DAY0, n);
const RENEWAL = day(40);

const failing = { paymentFailed: true };
const derras = (overrides: Partial<ScenarioCustomer> = {}) =>
  makeCustomer({ contractEndDate: RENEWAL, ...overrides });

/** Seeds the sources for day n and runs it; returns the run's summary. */
async function walk(store: Store, n: number, customer: ScenarioCustomer) {
  await seedDay(store, day(n), [customer]);
  return runOn(store, day(n));
}

function idsOf(tasks: readonly Task[]): string[] {
  return tasks.map((task) => task.id);
}

describe("the daily run and the outcome form, walked over calendar days", () => {
  describeEachDatabase("a failed payment 40 days before renewal", (database) => {
    it("alerts once and only once over several days, and a rerun of a day makes nothing", async () => {
      const { store } = database;
      const created: number[] = [];
      for (let n = 0; n <= 5; n += 1) {
        created.push((await walk(store, n, derras(failing))).tasks.created);
        expect((await runOn(store, day(n), 15)).tasks.created).toBe(0);
      }

      expect(created).toEqual([1, 0, 0, 0, 0, 0]);
      const open = await store.listOpenTasks();
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        id: "T-1001",
        kind: "alert",
        title: "URGENT: Call Derras Real Estate",
        segment: "revenue_at_risk",
        action: "call",
        createdOn: DAY0,
        // Within 24 hours of 09:00 on day 0, London (GMT in November).
        dueDate: day(1),
        dueAt: at(day(1)),
        owner: "Alex Morgan",
        context: { asOf: day(5), daysToRenewal: 35, paymentFailed: true },
      });
      expect(open[0]?.signals.map((signal) => signal.key)).toEqual(["payment_failed is true"]);
    });

    it("clears the alert with the reason once the payment is fixed", async () => {
      const { store } = database;
      const fixed = await walk(store, 6, derras());

      expect(fixed.tasks).toMatchObject({ created: 0, cleared: 1, open: 0 });
      const [task] = await store.listTasksOfCustomer("18734299351");
      expect(task).toMatchObject({
        id: "T-1001",
        status: "cleared",
        closedOn: day(6),
        closedReason:
          "Revenue at Risk no longer holds: payment_failed = false (needs payment_failed is true)",
      });
    });
  });

  describeEachDatabase("follow-up needed in 7 days", (database) => {
    it("makes a follow-up and nothing new until tickets reach 3 on day 3", async () => {
      const { store } = database;
      await walk(store, 0, derras(failing));
      const logged = await logOn(store, day(0), {
        taskId: "T-1001",
        contact: "reached",
        issue: "payment",
        result: "follow_up",
        followUpOn: day(7),
      });
      expect(logged.followUp).toMatchObject({
        id: "T-1002",
        kind: "follow_up",
        title: "Follow up: Derras Real Estate",
        dueDate: day(7),
        followUpOf: "T-1001",
      });

      // Tickets dated day -1, 1 and 2: one on day 1, two on day 2, three from day 3 on.
      const tickets = [day(-1), day(1), day(2)];
      for (let n = 1; n <= 2; n += 1) {
        const summary = await walk(store, n, derras({ ...failing, tickets }));
        expect(summary.tasks.created).toBe(0);
      }
      expect(idsOf(await store.listOpenTasks())).toEqual(["T-1002"]);

      const spike = await walk(store, 3, derras({ ...failing, tickets }));

      expect(spike.tasks).toMatchObject({ created: 1, escalated: 1 });
      const escalation = await store.findTask("T-1003");
      expect(escalation).toMatchObject({
        kind: "alert",
        segment: "revenue_at_risk",
        createdOn: day(3),
        pendingFollowUpId: "T-1002",
        escalation: { fromSegment: "revenue_at_risk", fromTaskId: "T-1002", trigger: "new_signal" },
      });
      expect(escalation?.escalation?.signals.map((signal) => signal.text)).toEqual([
        "support_tickets = 3 (>= 3)",
      ]);
    });

    it("shows the escalation in the queue beside the pending follow-up", async () => {
      const { store } = database;
      const queue = await loadQueue(day(3), { store, config: CONFIG, rules: RULES });

      expect(queue.items.map((item) => item.task.id)).toEqual(["T-1003"]);
      expect(queue.items[0]?.pendingFollowUp).toMatchObject({ id: "T-1002", dueDate: day(7) });
      expect(queue.upcomingFollowUps).toEqual([]);

      // On its date the follow-up is today's work too, linked to the escalation.
      const later = await loadQueue(day(7), { store, config: CONFIG, rules: RULES });
      expect(later.items.map((item) => [item.task.id, item.escalatedBy?.id])).toEqual([
        ["T-1003", undefined],
        ["T-1002", "T-1003"],
      ]);
    });

    it("refreshes the escalation on the next days and makes nothing new", async () => {
      const { store } = database;
      const tickets = [day(-1), day(1), day(2)];
      const next = await walk(store, 4, derras({ ...failing, tickets }));

      expect(next.tasks).toMatchObject({ created: 0, refreshed: 1, open: 2 });
    });
  });

  describeEachDatabase("resolved", (database) => {
    const tickets = [day(-3), day(-2), day(-1)];

    it("stays quiet for the cool-down with the same signals, shown as Healthy & Stable", async () => {
      const { store } = database;
      await walk(store, 0, derras({ tickets }));
      await logOn(store, day(0), {
        taskId: "T-1001",
        contact: "reached",
        issue: "technical",
        result: "resolved",
      });

      for (let n = 1; n <= 9; n += 1) {
        const summary = await walk(store, n, derras({ tickets }));
        expect(summary.tasks.created).toBe(0);
        expect(summary.segments.revenue_at_risk).toBe(1);
        expect(summary.shownResolved).toBe(1);
      }
      const explained = await explainCustomer("Derras", day(9), {
        store,
        config: CONFIG,
        rules: RULES,
      });
      expect(explained.decision.segment).toBe("revenue_at_risk");
      expect(explained.shown).toEqual({
        segment: "healthy_stable",
        resolvedBy: "Alex Morgan",
        resolvedOn: DAY0,
      });
      expect(explained.resolution).toMatchObject({ resolvedOn: DAY0, coolingDown: true });
    });

    it("alerts at once when a payment fails", async () => {
      const { store } = database;
      const failed = await walk(store, 10, derras({ tickets, ...failing }));

      expect(failed.tasks).toMatchObject({ created: 1, escalated: 1 });
      expect(failed.shownResolved).toBe(0);
      const [alert] = await store.listOpenTasks();
      expect(alert).toMatchObject({
        id: "T-1002",
        title: "URGENT: Call Derras Real Estate",
        escalation: { fromSegment: "revenue_at_risk", trigger: "new_signal" },
      });
      expect(alert?.escalation?.signals.map((signal) => signal.key)).toEqual([
        "payment_failed is true",
      ]);
    });
  });

  describeEachDatabase("customer will cancel", (database) => {
    it("closes every task, keeps the date, and later runs make nothing", async () => {
      const { store } = database;
      await walk(store, 0, derras(failing));
      await logOn(store, day(0), {
        taskId: "T-1001",
        contact: "reached",
        issue: "payment",
        result: "follow_up",
        followUpOn: day(7),
      });
      const tickets = [day(0), day(1), day(2), day(2)];
      await walk(store, 3, derras({ ...failing, tickets }));
      expect(idsOf(await store.listOpenTasks())).toEqual(["T-1003", "T-1002"]);

      const logged = await logOn(store, day(4), {
        taskId: "T-1003",
        contact: "reached",
        issue: "payment",
        result: "will_cancel",
      });

      expect(idsOf(logged.closed)).toEqual(["T-1002"]);
      const states = await store.listCustomerStates(["18734299351"]);
      expect(states.get("18734299351")).toMatchObject({
        status: "canceled",
        canceledOn: day(4),
        canceledBy: "Alex Morgan",
      });
      const statuses = (await store.listTasksOfCustomer("18734299351")).map((t) => [
        t.id,
        t.status,
      ]);
      expect(statuses).toEqual([
        ["T-1003", "done"],
        ["T-1002", "closed"],
        ["T-1001", "done"],
      ]);

      for (const n of [5, 10, 20]) {
        const summary = await walk(store, n, derras({ ...failing, tickets: [day(n - 1)] }));
        expect(summary.tasks.created).toBe(0);
        expect(summary).toMatchObject({ canceled: 1, customers: 0 });
      }
      expect(await store.listOpenTasks()).toEqual([]);
    });
  });
});
