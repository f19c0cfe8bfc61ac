import type { Rules } from "../rules.js";
import { priorityOf } from "./segment-order.js";
import type { Task } from "./task.js";

/**
 * Today's queue in working order: segment precedence first (as configured now), then the
 * earliest due, then the nearest renewal (unknown renewals last). Remaining ties go by company
 * name and task id, so the same tasks always come out in the same order. Returns a new array.
 */
export function orderQueue(tasks: readonly Task[], rules: Rules): Task[] {
  return [...tasks].sort(
    (a, b) =>
      priorityOf(a.segment, rules) - priorityOf(b.segment, rules) ||
      a.dueAt - b.dueAt ||
      compareRenewals(a, b) ||
      a.context.companyName.localeCompare(b.context.companyName, "en") ||
      compareText(a.id, b.id),
  );
}

/** Same day, same order: contract end dates compare like days to renewal on any one day. */
function compareRenewals(a: Task, b: Task): number {
  const first = a.context.contractEndDate;
  const second = b.context.contractEndDate;
  if (first === second) return 0;
  if (first === undefined) return 1;
  if (second === undefined) return -1;

  return compareText(first, second);
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;

  return a < b ? -1 : 1;
}
