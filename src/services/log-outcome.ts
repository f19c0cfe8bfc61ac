import type { Config } from "../config/config-schema.js";
import { dateInZone } from "../domain/date-in-zone.js";
import {
  applyOutcome,
  applyTaskChanges,
  type OutcomeEffect,
  type OutcomeInput,
  type Task,
} from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Store } from "../storage/store.js";
import { formatTaskId, parseTaskNumber } from "../storage/task-rows.js";
import { taskSettingsOf } from "./task-settings-of.js";

/** What a CS person fills in; when it was logged comes from the clock. */
export type OutcomeRequest = Omit<OutcomeInput, "loggedAt">;

export interface LogOutcomeOptions {
  store: Store;
  config: Config;
  logger: Logger;
  /** Unix seconds now: when the outcome is logged, and so the day it counts for. */
  now: () => number;
}

/** What logging the outcome did, for the person to read back. */
export interface LoggedOutcome extends OutcomeEffect {
  /** The task the outcome was logged on, as it was before. */
  task: Task;
  /** The follow-up task made, when one was asked for. */
  followUp?: Task | undefined;
  /** The customer's other open tasks that were closed (the customer will cancel). */
  closed: Task[];
}

/**
 * Logs an outcome on a task (the seed's Trigger 2): the task is done; resolved starts the
 * cool-down, follow-up needed makes a follow-up task, will cancel cancels the customer and
 * closes its other tasks. All in one transaction: an unknown task (`task_not_found`), a task
 * already closed (`task_closed`), an invalid outcome such as a follow-up date that is not in the
 * future (`outcome_invalid`), or a task changed by someone else meanwhile (`task_conflict`)
 * leave nothing changed. The task id may be written `T-1042`, `t-1042` or `1042`.
 */
export async function logOutcome(
  request: OutcomeRequest,
  options: LogOutcomeOptions,
): Promise<LoggedOutcome> {
  const { store, config } = options;
  const loggedAt = options.now();
  const today = dateInZone(loggedAt, config.time_zone);
  const taskId = normalizeTaskId(request.taskId);

  const logged = await store.transaction(async (tx) => {
    const numbers = await tx.reserveTaskNumbers();
    const task = await tx.findTask(taskId);
    if (task === undefined) throw new CsopsError("task_not_found", `there is no task ${taskId}`);

    const others = (await tx.listOpenTasksOf([task.customerId])).filter((t) => t.id !== task.id);
    const before = [task, ...others];
    const effect = applyOutcome({
      outcome: { ...request, taskId, loggedAt },
      tasks: before,
      today,
      settings: taskSettingsOf(config),
      newTaskId: numbers.next,
    });

    const after = applyTaskChanges(before, effect.changes, today);
    const ids = new Set(before.map((t) => t.id));
    const created = after.filter((t) => !ids.has(t.id));
    await tx.insertTasks(created);
    await tx.updateOpenTasks(after.filter((t) => ids.has(t.id) && t.status !== "open"));
    await tx.insertOutcome(effect.outcome);
    if (effect.resolution !== undefined) await tx.insertResolution(effect.resolution);
    if (effect.cancellation !== undefined) await tx.cancelCustomer(effect.cancellation);
    await numbers.save();

    const closed = after.filter((t) => t.id !== task.id && ids.has(t.id) && t.status === "closed");
    return { ...effect, task, followUp: created[0], closed };
  });

  options.logger.info(
    { task: taskId, customer: logged.task.customerId, result: request.result },
    "outcome logged",
  );
  return logged;
}

/** `t-1042` and `1042` name task T-1042; anything else is kept as written, to be reported. */
function normalizeTaskId(text: string): string {
  const number = parseTaskNumber(text);

  return number === undefined ? text.trim() : formatTaskId(number);
}
