import type { CalendarDate } from "../dates.js";
import { CsopsError } from "../../errors.js";
import type { Task } from "./task.js";
import { CLOSING_STATUS, type TaskChange } from "./task-change.js";

/**
 * Applies changes to a list of tasks in memory and returns the new list; the input is left as
 * it was. It is the reference for what each change means (the store does the same in SQL).
 * A change to a task that is missing or no longer open is a bug in the caller, and throws.
 */
export function applyTaskChanges(
  tasks: readonly Task[],
  changes: readonly TaskChange[],
  today: CalendarDate,
): Task[] {
  const byId = new Map(tasks.map((task) => [task.id, task]));

  for (const change of changes) {
    if (change.type === "create") {
      byId.set(change.task.id, change.task);
      continue;
    }
    if (change.type === "forget_signals") {
      if (change.target.kind !== "follow_up") continue;
      const task = openTaskOrFail(byId, change.target.taskId);
      const forgotten = new Set(change.keys);
      byId.set(task.id, { ...task, signals: task.signals.filter((s) => !forgotten.has(s.key)) });
      continue;
    }

    const task = openTaskOrFail(byId, change.taskId);
    if (change.type === "refresh") {
      const { reasons, signals, context } = change;
      byId.set(task.id, { ...task, reasons, signals, context });
      continue;
    }
    byId.set(task.id, {
      ...task,
      status: CLOSING_STATUS[change.type],
      closedReason: change.reason,
      closedOn: today,
    });
  }

  return [...byId.values()];
}

function openTaskOrFail(byId: Map<string, Task>, taskId: string): Task {
  const task = byId.get(taskId);
  if (task === undefined) throw new CsopsError("task_not_found", `no task ${taskId}`);
  if (task.status !== "open") {
    throw new CsopsError("task_closed", `task ${taskId} is already ${task.status}`);
  }

  return task;
}
