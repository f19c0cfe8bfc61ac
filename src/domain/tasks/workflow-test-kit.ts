import type { CalendarDate } from "../dates.js";
import { decideSegment, type Decision } from "../decide-segment.js";
import type { CustomerFacts } from "../facts.js";
import type { Rules } from "../rules.js";
import { applyOutcome, type OutcomeEffect } from "./apply-outcome.js";
import { applyResolutionChanges } from "./apply-resolution-changes.js";
import { applyTaskChanges } from "./apply-task-changes.js";
import type { OutcomeInput } from "./outcome.js";
import { reconcileCustomerTasks } from "./reconcile-customer-tasks.js";
import type { Resolution, Task, TaskSettings } from "./task.js";
import type { TaskChange } from "./task-change.js";

/**
 * Test support for the task workflow (used by the `*.test.ts` files beside it only): one
 * customer's tasks kept in memory and walked day by day, the way the daily run and the outcome
 * form will drive the store.
 */

export const SETTINGS: TaskSettings = { timeZone: "Europe/London", resolvedCooldownDays: 30 };

export { addDays } from "../add-days.js";

/** A healthy, long-standing Standard customer; override what the case is about. */
export function makeFacts(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    customerId: "1001",
    name: "Derras Real Estate",
    plan: "Standard",
    contractEndDate: "2026-12-31",
    accountStartDate: "2023-01-10",
    supportTickets: 0,
    paymentFailed: false,
    lastLogin: { kind: "date", date: "2026-03-01" },
    logins30d: 10,
    featuresUsed30d: 4,
    ...overrides,
  };
}

/** Ids `t1`, `t2`, … in creation order. */
export function makeIdFactory(prefix = "t"): () => string {
  let next = 0;
  return () => `${prefix}${(next += 1)}`;
}

export interface CustomerState {
  tasks: Task[];
  resolution?: Resolution | undefined;
  status: "active" | "canceled";
  canceledOn?: CalendarDate | undefined;
  lastCheckInOn?: CalendarDate | undefined;
  owner?: string | undefined;
}

export interface DayResult {
  state: CustomerState;
  changes: TaskChange[];
  decision: Decision;
}

/** One daily run for the customer: decide, reconcile, apply. */
export function runDay(
  state: CustomerState,
  runDate: CalendarDate,
  facts: CustomerFacts,
  rules: Rules,
  newTaskId: () => string,
  settings: TaskSettings = SETTINGS,
): DayResult {
  const decision = decideSegment(facts, runDate, rules);
  const changes = reconcileCustomerTasks({
    runDate,
    customer: {
      customerId: facts.customerId,
      status: state.status,
      canceledOn: state.canceledOn,
      owner: state.owner,
    },
    decision,
    facts,
    openTasks: state.tasks.filter((task) => task.status === "open"),
    resolution: state.resolution,
    lastCheckInOn: state.lastCheckInOn,
    rules,
    settings,
    newTaskId,
  });

  return { state: applyChanges(state, changes, runDate), changes, decision };
}

/** Logs an outcome on one of the customer's tasks and applies its effect. */
export function logOutcome(
  state: CustomerState,
  outcome: Omit<OutcomeInput, "loggedBy" | "loggedAt" | "note"> & Partial<OutcomeInput>,
  today: CalendarDate,
  newTaskId: () => string,
): { state: CustomerState; effect: OutcomeEffect } {
  const effect = applyOutcome({
    outcome: { note: "", loggedBy: "Alex Morgan", loggedAt: 1_773_000_000, ...outcome },
    tasks: state.tasks,
    today,
    settings: SETTINGS,
    newTaskId,
  });
  const next = applyChanges(state, effect.changes, today);

  return {
    effect,
    state: {
      ...next,
      resolution: effect.resolution ?? next.resolution,
      status: effect.cancellation === undefined ? next.status : "canceled",
      canceledOn: effect.cancellation?.canceledOn ?? next.canceledOn,
    },
  };
}

function applyChanges(
  state: CustomerState,
  changes: TaskChange[],
  today: CalendarDate,
): CustomerState {
  const createdCheckIn = changes.some(
    (change) => change.type === "create" && change.task.kind === "check_in",
  );

  return {
    ...state,
    tasks: applyTaskChanges(state.tasks, changes, today),
    resolution: applyResolutionChanges(state.resolution, changes),
    lastCheckInOn: createdCheckIn ? today : state.lastCheckInOn,
  };
}

/** The tasks created by a list of changes. */
export function createdTasks(changes: TaskChange[]): Task[] {
  return changes.flatMap((change) => (change.type === "create" ? [change.task] : []));
}

export function openTasksOf(state: CustomerState, kind?: Task["kind"]): Task[] {
  return state.tasks.filter(
    (task) => task.status === "open" && (kind === undefined || task.kind === kind),
  );
}

/** An open Revenue at Risk alert for customer 1001 due on 10 March 2026; override the rest. */
export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: "t1",
    customerId: "1001",
    kind: "alert",
    segment: "revenue_at_risk",
    label: "Revenue at Risk",
    title: "URGENT: Call Derras Real Estate",
    action: "call",
    priority: 1,
    dueAt: Date.UTC(2026, 2, 10, 9) / 1000,
    dueDate: "2026-03-10",
    status: "open",
    reasons: [],
    signals: [],
    context: {
      asOf: "2026-03-09",
      companyName: "Derras Real Estate",
      contractEndDate: "2026-04-18",
      unknown: [],
      possibly: [],
    },
    createdOn: "2026-03-09",
    ...overrides,
  };
}
