import { formatDueTime } from "../../wording/format-days.js";
import type { CalendarDate } from "../../domain/dates.js";
import type { Task } from "../../domain/tasks/index.js";

/**
 * When a task is due, as a person scanning a list reads it: `today`, `Fri 4 Dec`, `Tue 1 Dec
 * (late)`; the time only when it is not 09:00, the hour the run starts the day.
 */
export function describeDue(task: Task, today: CalendarDate, timeZone: string): string {
  const when = formatDueTime(task.dueAt, timeZone);
  const time = when.endsWith("09:00") ? "" : ` ${when.slice(-5)}`;
  if (task.dueDate === today) return `today${time}`;

  return `${when.slice(0, -6)}${time}${task.dueDate < today ? " (late)" : ""}`;
}
