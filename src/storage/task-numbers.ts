import type { Kysely } from "kysely";

import type { StorageTables } from "./storage-tables.js";
import { formatTaskId } from "./task-rows.js";

/** Task ids handed out inside one transaction. */
export interface TaskNumbers {
  /** The next id, `T-1042`; synchronous, as the workflow rules call it while deciding. */
  next: () => string;
  /** Stores the last number handed out; call it before the transaction commits. */
  save: () => Promise<void>;
}

/**
 * Takes the task counter for the rest of the transaction and hands out the numbers after it.
 * Call it first in the transaction: the update locks the counter row in PostgreSQL, and makes
 * SQLite's transaction a writing one from the start, so no other writer can slip in between
 * and hand out the same numbers; a concurrent transaction waits until this one ends.
 */
export async function reserveTaskNumbers(db: Kysely<StorageTables>): Promise<TaskNumbers> {
  const locked = await db
    .updateTable("counters")
    .set((eb) => ({ value: eb.ref("value") }))
    .where("name", "=", "task_number")
    .returning("value")
    .executeTakeFirstOrThrow();
  const first = Number(locked.value);
  let last = first;

  return {
    next: () => formatTaskId((last += 1)),
    save: async () => {
      if (last === first) return;
      await db
        .updateTable("counters")
        .set({ value: last })
        .where("name", "=", "task_number")
        .execute();
    },
  };
}
