import type { Kysely, Selectable } from "kysely";

import type { Task } from "../domain/tasks/index.js";
import type {
  HubspotLedgerTables,
  HubspotTaskLedgerRow,
  LedgerState,
} from "./hubspot-ledger-tables.js";
import type { StorageTables } from "./storage-tables.js";
import { rowToTask } from "./task-rows.js";

type Db = Kysely<StorageTables & HubspotLedgerTables>;

/** The task kinds mirrored into HubSpot: quarterly check-ins stay in csops. */
export const MIRRORED_TASK_KINDS = ["alert", "follow_up"] as const;

/** A csops task's entry in the ledger, with the task as it is now. */
export interface TaskLedgerEntry {
  taskId: string;
  companyId: string;
  state: LedgerState;
  hubspotId?: string | undefined;
  associationVerified: boolean;
  /** Unix seconds: when the pending (or failed) create was decided. */
  claimedAt: number;
  lastError?: string | undefined;
  task: Task;
}

/** What a write-back learnt about an entry; unset fields stay as they were. */
export interface TaskLedgerChange {
  state?: LedgerState | undefined;
  hubspotId?: string | undefined;
  associationVerified?: boolean | undefined;
  createdAt?: number | undefined;
  completedAt?: number | undefined;
  /** Why the last write failed; null clears it. */
  lastError?: string | null | undefined;
}

/** Open alert and follow-up tasks with no ledger entry: not yet mirrored into HubSpot. */
export async function listTasksToMirror(db: Db): Promise<Task[]> {
  const rows = await db
    .selectFrom("tasks as t")
    .leftJoin("hubspot_task_ledger as l", "l.task_id", "t.id")
    .selectAll("t")
    .where("t.status", "=", "open")
    .where("t.kind", "in", MIRRORED_TASK_KINDS)
    .where("l.task_id", "is", null)
    .orderBy("t.number")
    .execute();

  return rows.map(rowToTask);
}

/** Every entry that still needs work (all but `completed` and `skipped`), oldest task first. */
export async function listOpenTaskLedger(db: Db): Promise<TaskLedgerEntry[]> {
  const rows = await db
    .selectFrom("hubspot_task_ledger as l")
    .innerJoin("tasks as t", "t.id", "l.task_id")
    .selectAll("t")
    .select([
      "l.company_id as ledger_company_id",
      "l.state as ledger_state",
      "l.hubspot_id as ledger_hubspot_id",
      "l.association_verified as ledger_verified",
      "l.claimed_at as ledger_claimed_at",
      "l.last_error as ledger_last_error",
    ])
    .where("l.state", "not in", ["completed", "skipped"])
    .orderBy("t.number")
    .execute();

  return rows.map((row) => ({
    taskId: row.id,
    companyId: row.ledger_company_id,
    state: row.ledger_state as LedgerState,
    hubspotId: row.ledger_hubspot_id ?? undefined,
    associationVerified: row.ledger_verified === 1,
    claimedAt: Number(row.ledger_claimed_at),
    lastError: row.ledger_last_error ?? undefined,
    task: rowToTask(row),
  }));
}

/**
 * Claims a task for its first create: a `pending` entry, written before anything is sent. One
 * statement, so of two write-backs at once only one claims it; false when it had an entry.
 */
export async function claimTask(
  db: Db,
  claim: { taskId: string; companyId: string; now: number },
): Promise<boolean> {
  const result = await db
    .insertInto("hubspot_task_ledger")
    .values({
      task_id: claim.taskId,
      company_id: claim.companyId,
      state: "pending",
      association_verified: 0,
      claimed_at: claim.now,
      updated_at: claim.now,
    })
    .onConflict((conflict) => conflict.column("task_id").doNothing())
    .executeTakeFirst();

  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Claims an entry for another create (it failed, or a pending one was not found in HubSpot):
 * only while it is still as it was read, so two write-backs never both send it.
 */
export async function reclaimTask(
  db: Db,
  claim: { taskId: string; from: { state: LedgerState; claimedAt: number }; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable("hubspot_task_ledger")
    .set({ state: "pending", claimed_at: claim.now, updated_at: claim.now })
    .where("task_id", "=", claim.taskId)
    .where("state", "=", claim.from.state)
    .where("claimed_at", "=", claim.from.claimedAt)
    .executeTakeFirst();

  return Number(result.numUpdatedRows) === 1;
}

export async function updateTaskLedger(
  db: Db,
  taskId: string,
  change: TaskLedgerChange,
  now: number,
): Promise<void> {
  await db
    .updateTable("hubspot_task_ledger")
    .set({ ...toColumns(change), updated_at: now })
    .where("task_id", "=", taskId)
    .execute();
}

/** The ledger entry of one task, whatever its state (for tests and `explain`). */
export async function findTaskLedgerEntry(
  db: Db,
  taskId: string,
): Promise<Selectable<HubspotTaskLedgerRow> | undefined> {
  return db
    .selectFrom("hubspot_task_ledger")
    .selectAll()
    .where("task_id", "=", taskId)
    .executeTakeFirst();
}

function toColumns(change: TaskLedgerChange): Partial<HubspotTaskLedgerRow> {
  const columns: Partial<HubspotTaskLedgerRow> = {};
  if (change.state !== undefined) columns.state = change.state;
  if (change.hubspotId !== undefined) columns.hubspot_id = change.hubspotId;
  if (change.associationVerified !== undefined) {
    columns.association_verified = change.associationVerified ? 1 : 0;
  }
  if (change.createdAt !== undefined) columns.created_at = change.createdAt;
  if (change.completedAt !== undefined) columns.completed_at = change.completedAt;
  if (change.lastError !== undefined) columns.last_error = change.lastError;

  return columns;
}
