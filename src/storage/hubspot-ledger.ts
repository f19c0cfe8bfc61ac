import type { Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { Task } from "../domain/tasks/index.js";
import type { HubspotLedgerTables, LedgerState } from "./hubspot-ledger-tables.js";
import {
  claimNote,
  listNotesToWrite,
  reclaimNote,
  updateNoteLedger,
  type NoteLedgerChange,
  type NoteLedgerEntry,
} from "./hubspot-note-ledger.js";
import {
  listSegmentChanges,
  listStoredOwners,
  recordSegmentWrites,
  type SegmentChange,
  type StoredOwner,
} from "./hubspot-segment-ledger.js";
import {
  claimTask,
  findTaskLedgerEntry,
  listOpenTaskLedger,
  listTasksToMirror,
  reclaimTask,
  updateTaskLedger,
  type TaskLedgerChange,
  type TaskLedgerEntry,
} from "./hubspot-task-ledger.js";
import type { StorageTables } from "./storage-tables.js";

export type { NoteLedgerEntry, SegmentChange, StoredOwner, TaskLedgerEntry };

/**
 * What the HubSpot write-back reads and records. Every write is one statement, committed at
 * once: a claim must be visible to another write-back before the create it guards is sent,
 * and must survive whatever happens to that create.
 */
export interface HubspotLedgerQueries {
  /** Open alert and follow-up tasks not yet mirrored into HubSpot. */
  listTasksToMirror(): Promise<Task[]>;
  /** Mirrored tasks that still need work (pending, failed, unverified, or to complete). */
  listOpenTaskLedger(): Promise<TaskLedgerEntry[]>;
  /** A `pending` entry for a task's first create; false when it had one already. */
  claimTask(claim: { taskId: string; companyId: string; now: number }): Promise<boolean>;
  /** A `pending` entry again, only while the entry is still as it was read. */
  reclaimTask(claim: {
    taskId: string;
    from: { state: LedgerState; claimedAt: number };
    now: number;
  }): Promise<boolean>;
  updateTaskLedger(taskId: string, change: TaskLedgerChange, now: number): Promise<void>;
  /** A task's ledger state and HubSpot id, if it has an entry. */
  findTaskLedgerEntry(
    taskId: string,
  ): Promise<{ state: LedgerState; hubspotId?: string | undefined } | undefined>;

  /** Outcomes on mirrored tasks whose note is not yet written and verified. */
  listNotesToWrite(): Promise<NoteLedgerEntry[]>;
  claimNote(claim: {
    outcomeId: number;
    taskId: string;
    companyId: string;
    now: number;
  }): Promise<boolean>;
  reclaimNote(claim: {
    outcomeId: number;
    from: { state: LedgerState; claimedAt: number };
    now: number;
  }): Promise<boolean>;
  updateNoteLedger(outcomeId: number, change: NoteLedgerChange, now: number): Promise<void>;

  /** Companies whose segment on `date` differs from the one last written to HubSpot. */
  listSegmentChanges(date: CalendarDate): Promise<SegmentChange[]>;
  recordSegmentWrites(
    writes: readonly SegmentChange[],
    decidedOn: CalendarDate,
    now: number,
  ): Promise<void>;
  /** HubSpot's owners, as the last sync stored them. */
  listStoredOwners(): Promise<StoredOwner[]>;
}

/** The ledger's queries over `db`, for the store to expose. */
export function bindHubspotLedger(db: Kysely<StorageTables>): HubspotLedgerQueries {
  const ledger = db.withTables<HubspotLedgerTables>();

  return {
    listTasksToMirror: () => listTasksToMirror(ledger),
    listOpenTaskLedger: () => listOpenTaskLedger(ledger),
    claimTask: (claim) => claimTask(ledger, claim),
    reclaimTask: (claim) => reclaimTask(ledger, claim),
    updateTaskLedger: (taskId, change, now) => updateTaskLedger(ledger, taskId, change, now),
    findTaskLedgerEntry: async (taskId) => {
      const row = await findTaskLedgerEntry(ledger, taskId);
      return row === undefined
        ? undefined
        : { state: row.state as LedgerState, hubspotId: row.hubspot_id ?? undefined };
    },
    listNotesToWrite: () => listNotesToWrite(ledger),
    claimNote: (claim) => claimNote(ledger, claim),
    reclaimNote: (claim) => reclaimNote(ledger, claim),
    updateNoteLedger: (outcomeId, change, now) => updateNoteLedger(ledger, outcomeId, change, now),
    listSegmentChanges: (date) => listSegmentChanges(ledger, date),
    recordSegmentWrites: (writes, decidedOn, now) =>
      recordSegmentWrites(ledger, writes, decidedOn, now),
    listStoredOwners: () => listStoredOwners(ledger),
  };
}
