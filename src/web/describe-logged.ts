import { formatShortDay } from "../wording/format-days.js";
import type { Store } from "../storage/store.js";
import { parseTaskNumber, formatTaskId } from "../storage/task-rows.js";

const RESULTS = {
  resolved: "resolved: the customer shows as Healthy & Stable from the next run",
  follow_up: "follow-up needed",
  will_cancel: "customer will cancel: its tasks are closed",
} as const;

/**
 * What the page after saving an outcome says about it, read back from the store so it states
 * what was kept: `Saved on T-1042 (Derras Real Estate): reached · payment · follow-up needed on
 * Mon 7 Dec (T-1301)`. Undefined when `taskId` names no outcome.
 */
export async function describeLogged(
  taskId: string | undefined,
  store: Store,
): Promise<string | undefined> {
  const number = taskId === undefined ? undefined : parseTaskNumber(taskId);
  if (number === undefined) return undefined;
  const task = await store.findTask(formatTaskId(number));
  if (task === undefined) return undefined;
  const outcome = (await store.listOutcomesOf(task.customerId)).find((o) => o.taskId === task.id);
  if (outcome === undefined) return undefined;

  const followUp = (await store.listTasksOfCustomer(task.customerId)).find(
    (candidate) => candidate.followUpOf === task.id,
  );
  const when = outcome.followUpOn === undefined ? "" : ` on ${formatShortDay(outcome.followUpOn)}`;
  const made = followUp === undefined ? "" : ` (${followUp.id})`;

  return (
    `Saved on ${task.id} (${task.context.companyName}): ${outcome.contact.replace("_", " ")} · ` +
    `${outcome.issue} · ${RESULTS[outcome.result]}${when}${made}, by ${outcome.loggedBy}.`
  );
}
