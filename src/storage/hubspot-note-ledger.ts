import type { Kysely } from "kysely";

import type { Outcome } from "../domain/tasks/index.js";
import type {
  HubspotLedgerTables,
  HubspotNoteLedgerRow,
  LedgerState,
} from "./hubspot-ledger-tables.js";
import { rowToOutcome } from "./outcome-log.js";
import type { StorageTables } from "./storage-tables.js";

type Db = Kysely<StorageTables & HubspotLedgerTables>;

/** An outcome to write as a note in HubSpot, with its ledger entry once it has one. */
export interface NoteLedgerEntry {
  outcomeId: number;
  outcome: Outcome;
  /** The title of the task the outcome was logged on. */
  taskTitle: string;
  /** The HubSpot task the outcome's task was mirrored to, when it was. */
  hubspotTaskId?: string | undefined;
  /** Undefined until the note is claimed. */
  state?: LedgerState | undefined;
  hubspotId?: string | undefined;
  associationVerified: boolean;
  claimedAt?: number | undefined;
}

export interface NoteLedgerChange {
  state?: LedgerState | undefined;
  hubspotId?: string | undefined;
  associationVerified?: boolean | undefined;
  createdAt?: number | undefined;
  lastError?: string | null | undefined;
}

/**
 * The outcomes logged on tasks that were mirrored into HubSpot whose note is not yet written
 * and verified: those without an entry, and those pending, failed or not yet verified.
 */
export async function listNotesToWrite(db: Db): Promise<NoteLedgerEntry[]> {
  const rows = await db
    .selectFrom("outcomes as o")
    .innerJoin("hubspot_task_ledger as tl", "tl.task_id", "o.task_id")
    .innerJoin("tasks as t", "t.id", "o.task_id")
    .leftJoin("hubspot_note_ledger as n", "n.outcome_id", "o.id")
    .selectAll("o")
    .select([
      "t.title as task_title",
      "tl.hubspot_id as task_hubspot_id",
      "n.state as note_state",
      "n.hubspot_id as note_hubspot_id",
      "n.association_verified as note_verified",
      "n.claimed_at as note_claimed_at",
    ])
    .where((eb) =>
      eb.or([
        eb("n.outcome_id", "is", null),
        eb("n.state", "!=", "created"),
        eb("n.association_verified", "=", 0),
      ]),
    )
    .orderBy("o.id")
    .execute();

  return rows.map((row) => ({
    outcomeId: Number(row.id),
    outcome: rowToOutcome(row),
    taskTitle: row.task_title,
    hubspotTaskId: row.task_hubspot_id ?? undefined,
    state: (row.note_state ?? undefined) as LedgerState | undefined,
    hubspotId: row.note_hubspot_id ?? undefined,
    associationVerified: row.note_verified === 1,
    claimedAt: row.note_claimed_at === null ? undefined : Number(row.note_claimed_at),
  }));
}

/** Claims an outcome's note before it is sent (see claimTask); false when it was claimed. */
export async function claimNote(
  db: Db,
  claim: { outcomeId: number; taskId: string; companyId: string; now: number },
): Promise<boolean> {
  const result = await db
    .insertInto("hubspot_note_ledger")
    .values({
      outcome_id: claim.outcomeId,
      task_id: claim.taskId,
      company_id: claim.companyId,
      state: "pending",
      association_verified: 0,
      claimed_at: claim.now,
      updated_at: claim.now,
    })
    .onConflict((conflict) => conflict.column("outcome_id").doNothing())
    .executeTakeFirst();

  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Claims a note's entry for another create, only while it is still as it was read. */
export async function reclaimNote(
  db: Db,
  claim: { outcomeId: number; from: { state: LedgerState; claimedAt: number }; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable("hubspot_note_ledger")
    .set({ state: "pending", claimed_at: claim.now, updated_at: claim.now })
    .where("outcome_id", "=", claim.outcomeId)
    .where("state", "=", claim.from.state)
    .where("claimed_at", "=", claim.from.claimedAt)
    .executeTakeFirst();

  return Number(result.numUpdatedRows) === 1;
}

export async function updateNoteLedger(
  db: Db,
  outcomeId: number,
  change: NoteLedgerChange,
  now: number,
): Promise<void> {
  const columns: Partial<HubspotNoteLedgerRow> = { updated_at: now };
  if (change.state !== undefined) columns.state = change.state;
  if (change.hubspotId !== undefined) columns.hubspot_id = change.hubspotId;
  if (change.associationVerified !== undefined) {
    columns.association_verified = change.associationVerified ? 1 : 0;
  }
  if (change.createdAt !== undefined) columns.created_at = change.createdAt;
  if (change.lastError !== undefined) columns.last_error = change.lastError;

  await db
    .updateTable("hubspot_note_ledger")
    .set(columns)
    .where("outcome_id", "=", outcomeId)
    .execute();
}
