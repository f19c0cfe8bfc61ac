import type { CalendarDate } from "../domain/dates.js";
import { applyTaskChanges, type TaskChange } from "../domain/tasks/index.js";
import type { Store } from "../storage/store.js";

const DEPARTED_REASON = "the company is no longer in HubSpot (deleted there)";

/**
 * Closes the open tasks of customers the run no longer sees: companies deleted in HubSpot (an
 * export that simply leaves a company out deletes nothing; only a deletion the source records
 * does). Their CS state and history stay, so a company restored in HubSpot comes back as it was.
 */
export async function closeDepartedCustomers(
  store: Store,
  known: ReadonlySet<string>,
  date: CalendarDate,
): Promise<{ customers: number; tasks: number }> {
  const departed = (await store.listCustomersWithOpenTasks()).filter((id) => !known.has(id));
  if (departed.length === 0) return { customers: 0, tasks: 0 };

  return store.transaction(async (tx) => {
    // Taken for its lock only: it makes the transaction a writing one from the start.
    await tx.reserveTaskNumbers();
    const open = await tx.listOpenTasksOf(departed);
    const changes: TaskChange[] = open.map((task) => ({
      type: "close",
      taskId: task.id,
      reason: DEPARTED_REASON,
    }));
    await tx.updateOpenTasks(applyTaskChanges(open, changes, date));

    return { customers: departed.length, tasks: open.length };
  });
}
