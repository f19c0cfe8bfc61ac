import type { SqlBoolean } from "./storage-tables.js";

/**
 * The HubSpot write-back's ledger (migration 004). A task or note goes through these states:
 * - `pending`: claimed for a create that may have reached HubSpot; before any new create, it
 *   is looked for by its marker (a crash or a lost answer left it here);
 * - `failed`: HubSpot surely did not create it (it refused); the next write-back sends it again;
 * - `created`: HubSpot's id is known; `association_verified` once its company association was
 *   read back;
 * - `completed` (tasks): closed in csops and marked completed in HubSpot;
 * - `skipped` (tasks): closed in csops before it ever reached HubSpot, so never sent.
 * A type rather than an interface, as Kysely's `withTables` requires.
 */
export type HubspotLedgerTables = {
  hubspot_task_ledger: HubspotTaskLedgerRow;
  hubspot_note_ledger: HubspotNoteLedgerRow;
  hubspot_segment_ledger: HubspotSegmentLedgerRow;
};

export type LedgerState = "pending" | "failed" | "created" | "completed" | "skipped";

export interface HubspotTaskLedgerRow {
  /** The csops task (`T-1042`). */
  task_id: string;
  company_id: string;
  state: string;
  hubspot_id: string | null;
  association_verified: SqlBoolean;
  /** Unix seconds: when the create now pending or failed was decided. */
  claimed_at: number;
  created_at: number | null;
  completed_at: number | null;
  /** Why the last write failed; cleared by the next that works. */
  last_error: string | null;
  updated_at: number;
}

export interface HubspotNoteLedgerRow {
  /** The outcome the note records. */
  outcome_id: number;
  task_id: string;
  company_id: string;
  state: string;
  hubspot_id: string | null;
  association_verified: SqlBoolean;
  claimed_at: number;
  created_at: number | null;
  last_error: string | null;
  updated_at: number;
}

/** The segment last written to each company's property, so only changes are written. */
export interface HubspotSegmentLedgerRow {
  company_id: string;
  value: string;
  /** The date of the decision that was written. */
  decided_on: string;
  written_at: number;
}
