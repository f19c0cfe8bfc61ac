import type { Rules } from "../rules.js";
import { priorityOf } from "./segment-order.js";
import type { QueueEntry } from "./queue-entry.js";

/**
 * Today's queue in working order: segment precedence first (as configured now), then the
 * earliest due, then the nearest renewal (unknown renewals last). Remaining ties go by company
 * name and task id, so the same tasks always come out in the same order. Returns a new array.
 * The store pages the queue in this order (src/storage/queue-queries.ts).
 */
export function orderQueue<T extends QueueEntry>(tasks: readonly T[], rules: Rules): T[] {
  return [...tasks].sort((a, b) => compareQueueOrder(a, b, rules));
}

/**
 * Negative when `a` comes before `b` in the queue. Names and ids compare character by
 * character, as both databases sort them, so "Zenith" comes before "acorn".
 */
export function compareQueueOrder(a: QueueEntry, b: QueueEntry, rules: Rules): number {
  return (
    priorityOf(a.segment, rules) - priorityOf(b.segment, rules) ||
    a.dueAt - b.dueAt ||
    compareRenewals(a, b) ||
    compareText(a.context.companyName, b.context.companyName) ||
    compareText(a.id, b.id)
  );
}

/** Same day, same order: contract end dates compare like days to renewal on any one day. */
function compareRenewals(a: QueueEntry, b: QueueEntry): number {
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
