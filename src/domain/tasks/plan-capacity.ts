import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../dates.js";
import type { Task } from "./task.js";

/** `this_week`: fits the week's capacity. `over_capacity`: due this week, does not fit. `later`. */
export type CapacityFit = "this_week" | "over_capacity" | "later";

export interface CapacityPlan {
  /** Monday to Sunday around `today`. */
  week: { from: CalendarDate; to: CalendarDate };
  capacityPerWeek: number;
  doneThisWeek: number;
  /** Touchpoints left this week: capacity minus those done, never below zero. */
  remaining: number;
  /** The tasks in the order given, each marked. */
  items: { task: Task; fit: CapacityFit }[];
  counts: Record<CapacityFit, number>;
}

/**
 * Marks which of the ordered queue fit this week. Each task is one touchpoint. Tasks due by the
 * end of the week (overdue ones too) take the touchpoints left, in queue order; those beyond it
 * are over capacity. Tasks due after this week (a follow-up next month) are `later`: they take
 * nothing from this week. The week runs Monday to Sunday, as work plans usually do.
 */
export function planCapacity(
  orderedTasks: readonly Task[],
  capacityPerWeek: number,
  doneThisWeek: number,
  today: CalendarDate,
): CapacityPlan {
  const day = Temporal.PlainDate.from(today);
  const from = day.subtract({ days: day.dayOfWeek - 1 }).toString();
  const to = day.add({ days: 7 - day.dayOfWeek }).toString();
  const remaining = Math.max(0, capacityPerWeek - doneThisWeek);

  const counts: Record<CapacityFit, number> = { this_week: 0, over_capacity: 0, later: 0 };
  const items = orderedTasks.map((task) => {
    const fit = fitOf(task, to, counts.this_week < remaining);
    counts[fit] += 1;
    return { task, fit };
  });

  return { week: { from, to }, capacityPerWeek, doneThisWeek, remaining, items, counts };
}

function fitOf(task: Task, weekEnd: CalendarDate, hasRoom: boolean): CapacityFit {
  if (task.dueDate > weekEnd) return "later";

  return hasRoom ? "this_week" : "over_capacity";
}
