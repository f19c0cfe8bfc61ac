import { describe, expect, it } from "vitest";

import { loadRulesOrFail } from "../../rules/load-rules.js";
import type { CalendarDate } from "../dates.js";
import { decideSegment } from "../decide-segment.js";
import type { CustomerFacts } from "../facts.js";
import { checkInDay } from "./check-in-day.js";
import { quarterOf } from "./quarter.js";
import { reconcileCustomerTasks } from "./reconcile-customer-tasks.js";
import type { ReconcileInput } from "./reconcile-input.js";
import type { Task } from "./task.js";
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

const rules = loadRulesOrFail();

// Tuesday 10 March 2026; London is on GMT until 29 March, so 09:00 there is 09:00 UTC.
const RUN = "2026-03-10";
const utc = (date: CalendarDate, hour = 9) =>
  Date.parse(`${date}T${String(hour).padStart(2, "0")}:00:00Z`) / 1000;

const FACTS = {
  revenueAtRisk: { contractEndDate: "2026-04-19", paymentFailed: true },
  onboardingStuck: { accountStartDate: "2026-02-28", featuresUsed30d: 1 },
  engagementDrop: { lastLogin: { kind: "date", date: "2026-02-20" }, logins30d: 3 },
  expansion: { logins30d: 20, featuresUsed30d: 4, plan: "Basic" },
} satisfies Record<string, Partial<CustomerFacts>>;

function reconcile(
  facts: CustomerFacts,
  overrides: Partial<ReconcileInput> = {},
  runDate: CalendarDate = RUN,
) {
  return reconcileCustomerTasks({
    runDate,
    customer: { customerId: facts.customerId, status: "active", owner: "Sam Patel" },
    decision: decideSegment(facts, runDate, rules),
    facts,
    openTasks: [],
    // A check-in made this quarter keeps check-ins out of the cases that are not about them.
    lastCheckInOn: "2026-01-05",
    rules,
    settings: SETTINGS,
    newTaskId: makeIdFactory("new"),
    ...overrides,
  });
}

/** The customer's state after a run on `date` with `facts`. */
function stateAfter(date: CalendarDate, facts: Partial<CustomerFacts>): CustomerState {
  const initial: CustomerState = { tasks: [], status: "active", lastCheckInOn: "2026-01-05" };
  return runDay(initial, date, makeFacts(facts), rules, makeIdFactory()).state;
}

describe("alerts from the four action segments", () => {
  it.each([
    ["revenueAtRisk", "URGENT: Call Derras Real Estate", "call", 1, "2026-03-11"],
    ["onboardingStuck", "Training call: Derras Real Estate", "training call", 2, "2026-03-12"],
    [
      "engagementDrop",
      "Email Derras Real Estate: re-engagement",
      "re-engagement email",
      3,
      "2026-03-13",
    ],
    [
      "expansion",
      "Upsell conversation: Derras Real Estate",
      "upsell conversation",
      4,
      "2026-03-17",
    ],
  ] as const)("%s: %s", (profile, title, action, priority, dueDate) => {
    const changes = reconcile(makeFacts(FACTS[profile]));

    expect(changes).toHaveLength(1);
    expect(createdTasks(changes)[0]).toMatchObject({
      id: "new1",
      customerId: "1001",
      kind: "alert",
      title,
      action,
      priority,
      dueDate,
      dueAt: utc(dueDate),
      status: "open",
      owner: "Sam Patel",
      createdOn: RUN,
      escalation: undefined,
      context: { asOf: RUN, companyName: "Derras Real Estate", owner: "Sam Patel" },
    });
  });

  it("carries the reasons, the signals and a context snapshot", () => {
    const [task] = createdTasks(
      reconcile(makeFacts({ ...FACTS.revenueAtRisk, supportTickets: 4 })),
    );

    expect(task?.reasons.map((reason) => reason.text)).toEqual([
      "days_to_renewal = 40 (<= 60)",
      "payment_failed = true (is true)",
      "support_tickets = 4 (>= 3)",
    ]);
    expect(task?.signals.map((signal) => signal.key)).toEqual([
      "payment_failed is true",
      "support_tickets >= 3",
    ]);
    expect(task?.context).toMatchObject({
      contractEndDate: "2026-04-19",
      daysToRenewal: 40,
      lastLogin: { kind: "date", date: "2026-03-01" },
      daysSinceLastLogin: 9,
      logins30d: 10,
      usageLevel: "medium",
      featuresUsed30d: 4,
      plan: "Standard",
      supportTickets: 4,
      paymentFailed: true,
      unknown: [],
    });
  });

  it("names the earlier rule that may apply and the fact it lacks", () => {
    const facts = makeFacts({ ...FACTS.engagementDrop, contractEndDate: undefined });
    // Renewal unknown: Revenue at Risk cannot be decided, Engagement Drop cannot either.
    expect(reconcile(facts)).toEqual([]);

    const onboarding = makeFacts({
      ...FACTS.onboardingStuck,
      contractEndDate: "2026-04-19",
      paymentFailed: undefined,
    });
    const [task] = createdTasks(reconcile(onboarding));
    expect(task?.segment).toBe("onboarding_stuck");
    expect(task?.context.possibly).toEqual([
      { segment: "revenue_at_risk", missing: ["payment_failed"] },
    ]);
  });

  it.each([
    ["Healthy & Stable", {}],
    ["no segment (renewal in 45 days, no problem)", { contractEndDate: "2026-04-24" }],
    [
      "data gap (no usage data)",
      { lastLogin: undefined, logins30d: undefined, featuresUsed30d: undefined },
    ],
  ] as const)("makes no alert for %s", (_name, facts) => {
    expect(reconcile(makeFacts(facts))).toEqual([]);
  });
});

describe("an open alert", () => {
  it("same segment: refreshes its context and reasons and names the signals added", () => {
    const state = stateAfter("2026-03-09", FACTS.revenueAtRisk);
    const facts = makeFacts({ ...FACTS.revenueAtRisk, supportTickets: 3 });

    const changes = reconcile(facts, { openTasks: state.tasks });

    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: "refresh",
      taskId: "t1",
      criteria: "hold",
      missing: [],
    });
    const refresh = changes[0] as Extract<(typeof changes)[number], { type: "refresh" }>;
    expect(refresh.newSignals.map((signal) => signal.key)).toEqual(["support_tickets >= 3"]);
    expect(refresh.context).toMatchObject({ asOf: RUN, supportTickets: 3, daysToRenewal: 40 });
  });

  it("higher precedence: a new alert labelled as an escalation supersedes the old one", () => {
    const state = stateAfter("2026-03-09", {
      ...FACTS.onboardingStuck,
      contractEndDate: "2026-04-19",
    });
    expect(openTasksOf(state)).toMatchObject([{ segment: "onboarding_stuck" }]);
    const facts = makeFacts({
      ...FACTS.onboardingStuck,
      contractEndDate: "2026-04-19",
      paymentFailed: true,
    });

    const changes = reconcile(facts, { openTasks: state.tasks });

    expect(changes).toMatchObject([
      {
        type: "create",
        task: {
          id: "new1",
          segment: "revenue_at_risk",
          escalation: {
            fromSegment: "onboarding_stuck",
            fromTaskId: "t1",
            trigger: "higher_segment",
          },
        },
      },
      { type: "supersede", taskId: "t1", byTaskId: "new1", reason: "escalated to Revenue at Risk" },
    ]);
    const [task] = createdTasks(changes);
    expect(task?.escalation?.signals.map((signal) => signal.key)).toEqual([
      "payment_failed is true",
    ]);
  });

  it("criteria gone: cleared with the reason, and the new segment's alert starts", () => {
    const state = stateAfter("2026-03-09", {
      contractEndDate: "2026-04-19",
      lastLogin: { kind: "date", date: "2026-02-20" },
      logins30d: 3,
    });
    expect(openTasksOf(state)).toMatchObject([{ segment: "revenue_at_risk" }]);
    // The contract was renewed: no longer near renewal, still inactive.
    const facts = makeFacts({ ...FACTS.engagementDrop, contractEndDate: "2027-04-30" });

    const changes = reconcile(facts, { openTasks: state.tasks });

    expect(changes).toMatchObject([
      {
        type: "clear",
        taskId: "t1",
        reason:
          "Revenue at Risk no longer holds: days_to_renewal = 416 (needs days_to_renewal <= 60)",
      },
      { type: "create", task: { segment: "engagement_drop", escalation: undefined } },
    ]);
  });

  it("criteria unknown: stays open with the facts it lacks, and is not cleared", () => {
    const state = stateAfter("2026-03-09", FACTS.revenueAtRisk);
    const facts = makeFacts({ contractEndDate: "2026-04-19", paymentFailed: undefined });

    const changes = reconcile(facts, { openTasks: state.tasks });

    expect(changes).toEqual([
      expect.objectContaining({
        type: "refresh",
        taskId: "t1",
        criteria: "unknown",
        missing: ["payment_failed"],
        reasons: state.tasks[0]?.reasons,
        signals: state.tasks[0]?.signals,
      }),
    ]);
  });

  it("criteria unknown and a lower action segment true: no second alert", () => {
    const state = stateAfter("2026-03-09", { ...FACTS.revenueAtRisk, ...FACTS.onboardingStuck });
    const facts = makeFacts({
      ...FACTS.onboardingStuck,
      contractEndDate: "2026-04-19",
      paymentFailed: undefined,
    });
    expect(decideSegment(facts, RUN, rules).segment).toBe("onboarding_stuck");

    const changes = reconcile(facts, { openTasks: state.tasks });

    expect(changes).toMatchObject([{ type: "refresh", taskId: "t1", criteria: "unknown" }]);
  });

  it("keeps the newest when a broken store holds two, superseding the other", () => {
    const older = stateAfter("2026-03-08", FACTS.revenueAtRisk).tasks[0] as Task;
    const newer = { ...older, id: "t9", createdOn: "2026-03-09" };

    const changes = reconcile(makeFacts(FACTS.revenueAtRisk), { openTasks: [older, newer] });

    expect(changes).toMatchObject([
      { type: "supersede", taskId: "t1", byTaskId: "t9" },
      { type: "refresh", taskId: "t9" },
    ]);
  });
});

describe("a cancelled customer", () => {
  it("gets nothing, and its open tasks close", () => {
    const state = stateAfter("2026-03-09", FACTS.revenueAtRisk);
    const checkIn = { ...(state.tasks[0] as Task), id: "c1", kind: "check_in" as const };

    const changes = reconcile(makeFacts(FACTS.revenueAtRisk), {
      customer: { customerId: "1001", status: "canceled", canceledOn: "2026-03-05" },
      openTasks: [...state.tasks, checkIn, { ...checkIn, id: "d1", status: "done" }],
    });

    expect(changes).toEqual([
      { type: "close", taskId: "t1", reason: "customer cancelled on 2026-03-05" },
      { type: "close", taskId: "c1", reason: "customer cancelled on 2026-03-05" },
    ]);
  });
});

describe("quarterly check-ins", () => {
  const healthy = makeFacts({ lastLogin: { kind: "date", date: "2026-05-01" } });
  const day = checkInDay("1001", quarterOf("2026-05-01"));
  const onDay = (offset: number, overrides: Partial<ReconcileInput> = {}) =>
    reconcile(healthy, { lastCheckInOn: "2026-02-01", ...overrides }, addDays(day, offset));

  it("are made on the customer's day of the quarter, due a week later", () => {
    expect(onDay(-1)).toEqual([]);
    expect(createdTasks(onDay(0))).toMatchObject([
      {
        kind: "check_in",
        segment: "healthy_stable",
        title: "Quarterly check-in: Derras Real Estate",
        action: "quarterly check-in",
        priority: 5,
        createdOn: day,
        dueDate: addDays(day, 7),
        signals: [],
      },
    ]);
  });

  it.each([
    [7, 1],
    [8, 0],
  ])("are caught up %i days after the day: %i made", (offset, count) => {
    // The edge itself must fall inside the quarter (customer 1001's day is 23 May).
    expect(quarterOf(addDays(day, offset))).toEqual(quarterOf(day));
    expect(createdTasks(onDay(offset))).toHaveLength(count);
  });

  it("are made once a quarter, and not while one is open", () => {
    expect(onDay(1, { lastCheckInOn: day })).toEqual([]);
    const open = createdTasks(onDay(0))[0] as Task;
    expect(onDay(1, { openTasks: [open] })).toEqual([]);
  });

  it("are not made for a customer that is not Healthy & Stable", () => {
    const atRisk = makeFacts({ ...FACTS.revenueAtRisk, contractEndDate: addDays(day, 30) });
    const changes = reconcile(atRisk, { lastCheckInOn: "2026-02-01" }, day);
    expect(createdTasks(changes).map((task) => task.kind)).toEqual(["alert"]);
  });

  it("give way to an alert", () => {
    const open = createdTasks(onDay(0))[0] as Task;
    const atRisk = makeFacts({ ...FACTS.revenueAtRisk, contractEndDate: addDays(day, 40) });

    const changes = reconcile(atRisk, { openTasks: [open] }, addDays(day, 2));

    expect(changes).toMatchObject([
      { type: "create", task: { id: "new1", kind: "alert" } },
      {
        type: "supersede",
        taskId: open.id,
        byTaskId: "new1",
        reason: "replaced by the Revenue at Risk alert",
      },
    ]);
  });
});
