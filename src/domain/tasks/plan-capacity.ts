import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../dates.js";
import type { Task } from "./task.js";

/** `this_week`: fits the week's capacity. `over_capacity`: due this week, does not fit. `later`. */
export type CapacityFit = "this_week" | "over_capacity" | "later";

export interface CapacityPlan<T extends Pick<Task, "dueDate"> = Task> {
  /** Monday to Sunday around `today`. */
  week: { from: CalendarDate; to: CalendarDate };
  capacityPerWeek: number;
  doneThisWeek: number;
  /** Touchpoints left this week: capacity minus those done, never below zero. */
  remaining: number;
  /** The tasks in the order given, each marked. */
  items: { task: T; fit: CapacityFit }[];
  counts: Record<CapacityFit, number>;
}

/**
 * Marks which of the ordered queue fit this week. Each task is one touchpoint. Tasks due by the
 * end of the week (overdue ones too) take the touchpoints left, in queue order; those beyond it
 * are over capacity. Tasks due after this week (a follow-up next month) are `later`: they take
 * nothing from this week. The week runs Monday to Sunday, as work plans usually do.
 *
 * This is the rule over a queue held in memory. `loadQueue` (src/services/load-queue.ts)
 * applies it to a queue the store pages, from the first task due this week beyond the
 * touchpoints left; its tests hold the two equal.
 */
export function planCapacity<T extends Pick<Task, "dueDate">>(
  orderedTasks: readonly T[],
  capacityPerWeek: number,
  doneThisWeek: number,
  today: CalendarDate,
): CapacityPlan<T> {
  const { from, to } = weekAround(today);
  const remaining = remainingOf(capacityPerWeek, doneThisWeek);

  const counts: Record<CapacityFit, number> = { this_week: 0, over_capacity: 0, later: 0 };
  const items = orderedTasks.map((task) => {
    const fit = fitOf(task, to, counts.this_week < remaining);
    counts[fit] += 1;
    return { task, fit };
  });

  return { week: { from, to }, capacityPerWeek, doneThisWeek, remaining, items, counts };
}

/** The week, Monday to Sunday, that `today` falls in. */
export function weekAround(today: CalendarDate): CapacityPlan["week"] {
  const day = Temporal.PlainDate.from(today);

  return {
    from: day.subtract({ days: day.dayOfWeek - 1 }).toString(),
    to: day.add({ days: 7 - day.dayOfWeek }).toString(),
  };
}

/** Touchpoints left this week: capacity minus those done, never below zero. */
export function remainingOf(capacityPerWeek: number, doneThisWeek: number): number {
  return Math.max(0, capacityPerWeek - doneThisWeek);
}

function fitOf(task: Pick<Task, "dueDate">, weekEnd: CalendarDate, hasRoom: boolean): CapacityFit {
  if (task.dueDate > weekEnd) return "later";

  return hasRoom ? "this_week" : "over_capacity";
}
