import { describe, expect, it } from "vitest";

import { loadRulesOrFail } from "../../rules/load-rules.js";
import type { CalendarDate } from "../dates.js";
import type { CustomerFacts } from "../facts.js";
import { chooseShownSegment } from "./choose-shown-segment.js";
import {
  SETTINGS,
  addDays,
  createdTasks,
  makeFacts,
  makeIdFactory,
  openTasksOf,
  runDay,
  type CustomerState,
} from "./workflow-test-kit.js";
import { logOutcome } from "./workflow-test-kit.js";

const rules = loadRulesOrFail();

// Day 0 is Monday 2 March 2026; the contract ends 40 days later.
const DAY0 = "2026-03-02";
const RENEWAL = addDays(DAY0, 40);
const day = (n: number): CalendarDate => addDays(DAY0, n);

/** The customer on day n: logged in the day before (never inactive), renewal 40 days from day 0. */
function factsOn(n: number, overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return makeFacts({
    contractEndDate: RENEWAL,
    lastLogin: { kind: "date", date: day(n - 1) },
    ...overrides,
  });
}

const failing = { paymentFailed: true };
const fresh = (): CustomerState => ({ tasks: [], status: "active", owner: "Alex Morgan" });

describe("a failed payment 40 days before renewal", () => {
  it("alerts once and only once over several days, and once again on a rerun of the same day", () => {
    const ids = makeIdFactory();
    let state = fresh();
    const created: string[] = [];

    for (let n = 0; n <= 5; n += 1) {
      const result = runDay(state, day(n), factsOn(n, failing), rules, ids);
      created.push(...createdTasks(result.changes).map((task) => `${n}:${task.title}`));
      state = result.state;
      const rerun = runDay(state, day(n), factsOn(n, failing), rules, ids);
      expect(createdTasks(rerun.changes)).toEqual([]);
    }

    expect(created).toEqual(["0:URGENT: Call Derras Real Estate"]);
    const [alert] = openTasksOf(state, "alert");
    expect(alert).toMatchObject({
      segment: "revenue_at_risk",
      action: "call",
      priority: 1,
      createdOn: DAY0,
      // Due within 24 hours of 09:00 on day 0 in London (GMT in March before the clock change).
      dueDate: "2026-03-03",
      dueAt: Date.UTC(2026, 2, 3, 9) / 1000,
      owner: "Alex Morgan",
    });
    expect(alert?.signals.map((signal) => signal.key)).toEqual(["payment_failed is true"]);
    expect(alert?.context).toMatchObject({ asOf: day(5), daysToRenewal: 35, paymentFailed: true });
  });

  it("is cleared with the reason once the payment is fixed, and nothing else starts", () => {
    const ids = makeIdFactory();
    let state = runDay(fresh(), day(0), factsOn(0, failing), rules, ids).state;
    state = runDay(state, day(1), factsOn(1, failing), rules, ids).state;

    const fixed = runDay(state, day(2), factsOn(2), rules, ids);

    expect(fixed.decision.segment).toBe("none");
    expect(fixed.changes).toEqual([
      {
        type: "clear",
        taskId: "t1",
        reason:
          "Revenue at Risk no longer holds: payment_failed = false (needs payment_failed is true)",
      },
    ]);
    expect(openTasksOf(fixed.state)).toEqual([]);
    expect(fixed.state.tasks[0]).toMatchObject({ status: "cleared", closedOn: day(2) });
  });
});

describe("follow-up needed in 7 days", () => {
  function followUpLogged() {
    const ids = makeIdFactory();
    const alerted = runDay(fresh(), day(0), factsOn(0, failing), rules, ids);
    const logged = logOutcome(
      alerted.state,
      {
        taskId: "t1",
        contact: "reached",
        issue: "payment",
        result: "follow_up",
        followUpOn: day(7),
      },
      day(0),
      ids,
    );
    return { ids, state: logged.state };
  }

  it("makes a follow-up on that date and nothing new while the signals stay the same", () => {
    const setup = followUpLogged();
    const ids = setup.ids;
    let state = setup.state;
    expect(openTasksOf(state)).toMatchObject([
      { id: "t2", kind: "follow_up", title: "Follow up: Derras Real Estate", dueDate: day(7) },
    ]);

    for (let n = 1; n <= 2; n += 1) {
      const result = runDay(state, day(n), factsOn(n, failing), rules, ids);
      expect(result.changes).toEqual([]);
      state = result.state;
    }
  });

  it("raises an escalation beside the pending follow-up when tickets reach 3 on day 3", () => {
    const setup = followUpLogged();
    const ids = setup.ids;
    let state = setup.state;
    for (let n = 1; n <= 2; n += 1) {
      state = runDay(
        state,
        day(n),
        factsOn(n, { ...failing, supportTickets: 2 }),
        rules,
        ids,
      ).state;
    }

    const spike = runDay(state, day(3), factsOn(3, { ...failing, supportTickets: 3 }), rules, ids);

    const [escalation] = createdTasks(spike.changes);
    expect(escalation).toMatchObject({
      kind: "alert",
      segment: "revenue_at_risk",
      createdOn: day(3),
      pendingFollowUpId: "t2",
      escalation: { fromSegment: "revenue_at_risk", fromTaskId: "t2", trigger: "new_signal" },
    });
    expect(escalation?.escalation?.signals.map((signal) => signal.text)).toEqual([
      "support_tickets = 3 (>= 3)",
    ]);
    expect(openTasksOf(spike.state).map((task) => task.kind)).toEqual(["follow_up", "alert"]);

    // The next days refresh the escalation; the follow-up stays for its date.
    const next = runDay(
      spike.state,
      day(4),
      factsOn(4, { ...failing, supportTickets: 3 }),
      rules,
      ids,
    );
    expect(createdTasks(next.changes)).toEqual([]);
    expect(openTasksOf(next.state).map((task) => task.id)).toEqual(["t2", "t3"]);
  });

  it("raises an escalation at once when a fixed payment fails again before the date", () => {
    const setup = followUpLogged();
    const ids = setup.ids;
    let state = setup.state;
    const fixed = runDay(state, day(1), factsOn(1), rules, ids);
    expect(fixed.changes).toEqual([
      {
        type: "forget_signals",
        target: { kind: "follow_up", taskId: "t2" },
        keys: ["payment_failed is true"],
      },
    ]);
    state = fixed.state;

    const again = runDay(state, day(2), factsOn(2, failing), rules, ids);

    expect(createdTasks(again.changes)).toMatchObject([
      { kind: "alert", pendingFollowUpId: "t2", escalation: { trigger: "new_signal" } },
    ]);
  });

  it("keeps the follow-up's signals while the payment data is missing", () => {
    const { ids, state } = followUpLogged();
    const stale = runDay(state, day(1), factsOn(1, { paymentFailed: undefined }), rules, ids);
    expect(stale.changes).toEqual([]);

    const back = runDay(stale.state, day(2), factsOn(2, failing), rules, ids);
    expect(back.changes).toEqual([]);
  });
});

describe("resolved", () => {
  const tickets = { supportTickets: 3 };

  function resolvedOnDay0() {
    const ids = makeIdFactory();
    const alerted = runDay(fresh(), day(0), factsOn(0, tickets), rules, ids);
    const logged = logOutcome(
      alerted.state,
      { taskId: "t1", contact: "reached", issue: "technical", result: "resolved" },
      day(0),
      ids,
    );
    return { ids, state: logged.state };
  }

  it("stays quiet with the same signals and alerts at once when a payment fails", () => {
    const setup = resolvedOnDay0();
    const ids = setup.ids;
    let state = setup.state;
    for (let n = 1; n <= 9; n += 1) {
      const result = runDay(state, day(n), factsOn(n, tickets), rules, ids);
      expect(result.changes).toEqual([]);
      const shown = chooseShownSegment(
        result.decision,
        state.resolution,
        undefined,
        day(n),
        SETTINGS,
      );
      expect(shown).toEqual({
        segment: "healthy_stable",
        resolvedBy: "Alex Morgan",
        resolvedOn: DAY0,
      });
      state = result.state;
    }

    const failed = runDay(state, day(10), factsOn(10, { ...tickets, ...failing }), rules, ids);

    const [alert] = createdTasks(failed.changes);
    expect(alert).toMatchObject({
      title: "URGENT: Call Derras Real Estate",
      escalation: { fromSegment: "revenue_at_risk", trigger: "new_signal" },
    });
    expect(alert?.escalation?.fromTaskId).toBeUndefined();
    expect(alert?.escalation?.signals.map((signal) => signal.key)).toEqual([
      "payment_failed is true",
    ]);
    const shown = chooseShownSegment(failed.decision, state.resolution, alert, day(10), SETTINGS);
    expect(shown).toEqual({ segment: "revenue_at_risk" });
  });

  it("is quiet up to day 30 of the cool-down and alerts again on day 31", () => {
    const setup = resolvedOnDay0();
    const ids = setup.ids;
    let state = setup.state;
    for (let n = 1; n <= 30; n += 1) {
      const result = runDay(state, day(n), factsOn(n, tickets), rules, ids);
      expect(createdTasks(result.changes)).toEqual([]);
      state = result.state;
    }

    const day31 = runDay(state, day(31), factsOn(31, tickets), rules, ids);

    expect(createdTasks(day31.changes)).toMatchObject([
      { kind: "alert", segment: "revenue_at_risk", createdOn: "2026-04-02", escalation: undefined },
    ]);
  });

  it("alerts at once when the same signal stops and comes back", () => {
    const setup = resolvedOnDay0();
    const ids = setup.ids;
    let state = setup.state;
    const calm = runDay(state, day(3), factsOn(3, { supportTickets: 1 }), rules, ids);
    expect(calm.changes).toEqual([
      {
        type: "forget_signals",
        target: { kind: "resolution", resolvedOn: DAY0 },
        keys: ["support_tickets >= 3"],
      },
    ]);
    state = calm.state;

    const back = runDay(state, day(6), factsOn(6, tickets), rules, ids);

    expect(createdTasks(back.changes)).toHaveLength(1);
  });

  it("alerts at once for a segment of higher precedence", () => {
    const ids = makeIdFactory();
    // A new account that barely uses the product: Onboarding Stuck, renewal far away.
    const newAccount = {
      accountStartDate: addDays(DAY0, -10),
      contractEndDate: "2027-03-01",
      featuresUsed30d: 1,
    };
    let state = runDay(fresh(), day(0), factsOn(0, newAccount), rules, ids).state;
    state = logOutcome(
      state,
      { taskId: "t1", contact: "reached", issue: "usage", result: "resolved" },
      day(0),
      ids,
    ).state;
    expect(runDay(state, day(1), factsOn(1, newAccount), rules, ids).changes).toEqual([]);

    const nearRenewal = { ...newAccount, contractEndDate: addDays(DAY0, 50), ...failing };
    const result = runDay(state, day(2), factsOn(2, nearRenewal), rules, ids);

    expect(createdTasks(result.changes)).toMatchObject([
      {
        segment: "revenue_at_risk",
        escalation: { fromSegment: "onboarding_stuck", trigger: "higher_segment" },
      },
    ]);
  });
});

describe("customer will cancel", () => {
  it("closes every task, records the date, and later runs make nothing", () => {
    const ids = makeIdFactory();
    let state = runDay(fresh(), day(0), factsOn(0, failing), rules, ids).state;
    state = logOutcome(
      state,
      {
        taskId: "t1",
        contact: "reached",
        issue: "payment",
        result: "follow_up",
        followUpOn: day(7),
      },
      day(0),
      ids,
    ).state;
    state = runDay(state, day(3), factsOn(3, { ...failing, supportTickets: 4 }), rules, ids).state;
    expect(openTasksOf(state).map((task) => task.id)).toEqual(["t2", "t3"]);

    const logged = logOutcome(
      state,
      { taskId: "t3", contact: "reached", issue: "payment", result: "will_cancel" },
      day(4),
      ids,
    );
    state = logged.state;

    expect(logged.effect.cancellation).toEqual({
      customerId: "1001",
      canceledOn: day(4),
      canceledBy: "Alex Morgan",
    });
    expect(state.tasks.map((task) => [task.id, task.status])).toEqual([
      ["t1", "done"],
      ["t2", "closed"],
      ["t3", "done"],
    ]);
    expect(state).toMatchObject({ status: "canceled", canceledOn: day(4) });

    for (let n = 5; n <= 40; n += 5) {
      const result = runDay(
        state,
        day(n),
        factsOn(n, { ...failing, supportTickets: 9 }),
        rules,
        ids,
      );
      expect(result.changes).toEqual([]);
    }
  });
});
