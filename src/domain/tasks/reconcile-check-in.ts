import { daysBetween } from "../dates.js";
import { checkInDay } from "./check-in-day.js";
import { computeDue } from "./compute-due.js";
import { isSameQuarter, quarterOf } from "./quarter.js";
import type { ReconcileContext } from "./reconcile-input.js";
import { isCheckInSegment, priorityOf } from "./segment-order.js";
import type { Task } from "./task.js";
import type { TaskChange } from "./task-change.js";

/**
 * A run this many days after a customer's check-in day still makes its check-in: it covers
 * runs missed for a few days and a customer that turned Healthy & Stable just after its day.
 * Later than that it waits for next quarter's day, so a first run in mid-quarter (or a rules
 * change that makes many customers healthy at once) does not bury the team in check-ins.
 */
export const CHECK_IN_CATCH_UP_DAYS = 7;

/**
 * A Healthy & Stable customer gets one check-in a quarter, made on its day of the quarter
 * (`checkInDay`) or within the catch-up days after it, unless one was made this quarter or one
 * is still open.
 */
export function reconcileCheckIn(run: ReconcileContext): TaskChange[] {
  const segment = run.decision.segment;
  if (!isCheckInSegment(segment, run.rules)) return [];
  if (run.open.some((task) => task.kind === "check_in")) return [];

  const quarter = quarterOf(run.runDate);
  const lastCheckInOn = run.lastCheckInOn;
  if (lastCheckInOn !== undefined && isSameQuarter(quarterOf(lastCheckInOn), quarter)) return [];

  const lateBy = daysBetween(checkInDay(run.customer.customerId, quarter), run.runDate);
  if (lateBy < 0 || lateBy > CHECK_IN_CATCH_UP_DAYS) return [];

  const rule = run.rules.segments[segment];
  const task: Task = {
    id: run.newTaskId(),
    customerId: run.customer.customerId,
    kind: "check_in",
    segment,
    label: rule.label,
    title: run.decision.taskTitle ?? rule.task_title.replaceAll("{name}", run.context.companyName),
    action: rule.action,
    priority: priorityOf(segment, run.rules),
    ...computeDue(rule.due, run.runDate, run.settings.timeZone),
    status: "open",
    reasons: run.decision.reasons,
    signals: [],
    context: run.context,
    owner: run.customer.owner,
    createdOn: run.runDate,
  };

  return [{ type: "create", task }];
}
