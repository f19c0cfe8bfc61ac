import { isCalendarDate, type CalendarDate } from "../dates.js";
import { CsopsError } from "../../errors.js";
import { computeDueOn } from "./compute-due.js";
import {
  OUTCOME_CONTACTS,
  OUTCOME_ISSUES,
  OUTCOME_RESULTS,
  type Outcome,
  type OutcomeInput,
} from "./outcome.js";
import type { Resolution, Task, TaskSettings } from "./task.js";
import type { TaskChange } from "./task-change.js";

export interface ApplyOutcomeInput {
  outcome: OutcomeInput;
  /** The task the outcome names and the customer's other open tasks, as the store found them. */
  tasks: readonly Task[];
  /** The day it is logged on, in the team's zone. */
  today: CalendarDate;
  settings: TaskSettings;
  newTaskId: () => string;
}

/** What logging an outcome changes; the caller applies all of it or, on an error, nothing. */
export interface OutcomeEffect {
  outcome: Outcome;
  changes: TaskChange[];
  /** `resolved` on an alert or follow-up: the customer shows as Healthy & Stable. */
  resolution?: Resolution | undefined;
  /** `will_cancel`: the customer's status becomes canceled, with the date kept. */
  cancellation?: { customerId: string; canceledOn: CalendarDate; canceledBy: string } | undefined;
}

/**
 * The seed's Trigger 2. The task is done in every case; then
 * - resolved: a resolution of the task's segment and signals (for the cool-down);
 * - follow-up needed: a follow-up task due on the chosen date, carrying the task's signals, so
 *   the daily run can tell a new signal from the one already being followed up;
 * - customer will cancel: the cancellation, and every other open task of the customer closed.
 * Throws `task_not_found`, `task_closed` or `outcome_invalid` and changes nothing.
 */
export function applyOutcome(input: ApplyOutcomeInput): OutcomeEffect {
  const { outcome, today } = input;
  const task = input.tasks.find((candidate) => candidate.id === outcome.taskId);
  if (task === undefined) {
    throw new CsopsError("task_not_found", `there is no task ${outcome.taskId}`);
  }
  if (task.status !== "open") {
    const why = task.closedReason === undefined ? "" : ` (${task.closedReason})`;
    throw new CsopsError(
      "task_closed",
      `task ${task.id} is already ${task.status}${why}: its outcome cannot be logged again`,
    );
  }
  validateOutcomeOrFail(outcome, today);

  const record: Outcome = {
    ...outcome,
    note: outcome.note.trim(),
    loggedBy: outcome.loggedBy.trim(),
    customerId: task.customerId,
    taskKind: task.kind,
    segment: task.segment,
    loggedOn: today,
  };
  const complete: TaskChange = {
    type: "complete",
    taskId: task.id,
    reason: `${describeResult(record)} (logged by ${record.loggedBy})`,
  };

  switch (outcome.result) {
    case "resolved":
      return { outcome: record, changes: [complete], resolution: resolve(task, record) };
    case "follow_up":
      return { outcome: record, changes: [complete, createFollowUp(task, record, input)] };
    case "will_cancel":
      return cancel(task, record, complete, input);
  }
}

/** A check-in that went well is no resolution of anything: it only closes the check-in. */
function resolve(task: Task, record: Outcome): Resolution | undefined {
  if (task.kind === "check_in") return undefined;

  return {
    customerId: task.customerId,
    resolvedOn: record.loggedOn,
    resolvedBy: record.loggedBy,
    segment: task.segment,
    signals: task.signals,
    taskId: task.id,
  };
}

function createFollowUp(task: Task, record: Outcome, input: ApplyOutcomeInput): TaskChange {
  const followUpOn = record.followUpOn ?? input.today;

  return {
    type: "create",
    task: {
      id: input.newTaskId(),
      customerId: task.customerId,
      kind: "follow_up",
      segment: task.segment,
      label: task.label,
      title: `Follow up: ${task.context.companyName}`,
      action: "follow-up",
      priority: task.priority,
      ...computeDueOn(followUpOn, input.settings.timeZone),
      status: "open",
      reasons: task.reasons,
      signals: task.signals,
      context: task.context,
      owner: task.owner,
      createdOn: input.today,
      followUpOf: task.id,
    },
  };
}

function cancel(
  task: Task,
  record: Outcome,
  complete: TaskChange,
  input: ApplyOutcomeInput,
): OutcomeEffect {
  const reason = `customer will cancel (logged by ${record.loggedBy} on ${record.loggedOn})`;
  const others: TaskChange[] = input.tasks
    .filter((other) => other.customerId === task.customerId && other.id !== task.id)
    .filter((other) => other.status === "open")
    .map((other) => ({ type: "close", taskId: other.id, reason }));

  return {
    outcome: record,
    changes: [complete, ...others],
    cancellation: {
      customerId: task.customerId,
      canceledOn: record.loggedOn,
      canceledBy: record.loggedBy,
    },
  };
}

function describeResult(record: Outcome): string {
  switch (record.result) {
    case "resolved":
      return "resolved";
    case "follow_up":
      return `follow-up on ${record.followUpOn}`;
    case "will_cancel":
      return "customer will cancel";
  }
}

/** Every problem at once, in one message: the form shows them together. */
function validateOutcomeOrFail(outcome: OutcomeInput, today: CalendarDate): void {
  const problems: string[] = [];
  const isOneOf = (options: readonly string[], value: unknown) =>
    typeof value === "string" && options.includes(value);

  if (!isOneOf(OUTCOME_CONTACTS, outcome.contact)) {
    problems.push(`what happened must be one of ${OUTCOME_CONTACTS.join(", ")}`);
  }
  if (!isOneOf(OUTCOME_ISSUES, outcome.issue)) {
    problems.push(`the issue must be one of ${OUTCOME_ISSUES.join(", ")}`);
  }
  if (!isOneOf(OUTCOME_RESULTS, outcome.result)) {
    problems.push(`what was done must be one of ${OUTCOME_RESULTS.join(", ")}`);
  }
  problems.push(...checkFollowUpDate(outcome, today));
  if (typeof outcome.note !== "string") problems.push("the note must be text");
  if (typeof outcome.loggedBy !== "string" || outcome.loggedBy.trim() === "") {
    problems.push("who logged the outcome is required");
  }
  if (!Number.isFinite(outcome.loggedAt)) problems.push("when it was logged is required");

  if (problems.length > 0) {
    throw new CsopsError("outcome_invalid", `the outcome is invalid: ${problems.join("; ")}`);
  }
}

function checkFollowUpDate(outcome: OutcomeInput, today: CalendarDate): string[] {
  const date = outcome.followUpOn;
  if (outcome.result !== "follow_up") {
    return date === undefined ? [] : ["a follow-up date only goes with follow-up needed"];
  }
  if (date === undefined || date === "") return ["follow-up needed requires a follow-up date"];
  if (!isCalendarDate(date)) return [`the follow-up date ${date} is not a date (YYYY-MM-DD)`];
  if (date <= today) return [`the follow-up date ${date} must be after today (${today})`];

  return [];
}
