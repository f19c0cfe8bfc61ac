import type { Generated } from "kysely";

import type { SqlBoolean } from "./storage-tables.js";

/**
 * The CS workflow's tables (migration 002): what the daily run decides and what the team does.
 * JSON values (reasons, signals, context, facts) are stored as text in both databases, so the
 * query layer reads and writes them the same way; they are read whole, never queried inside.
 */
export interface WorkflowTables {
  customer_states: CustomerStateRow;
  decision_history: DecisionHistoryRow;
  tasks: TaskRow;
  outcomes: OutcomeRow;
  resolutions: ResolutionRow;
  runs: RunRow;
  run_locks: RunLockRow;
  counters: CounterRow;
}

/** What csops itself knows of a customer, beside what the sources say. */
export interface CustomerStateRow {
  customer_id: string;
  /** `active` or `canceled`. */
  status: string;
  canceled_on: string | null;
  canceled_by: string | null;
  /** The CS person the customer's tasks belong to, and whether as `owner` or `shared`. */
  assigned_to: string | null;
  assignment_basis: string | null;
  /** The first run that evaluated the customer. */
  first_seen_on: string;
}

/** A customer's decision from `valid_from` until the next row (a row only when it changed). */
export interface DecisionHistoryRow {
  customer_id: string;
  valid_from: string;
  run_id: number | null;
  segment: string;
  /** What the team sees: Healthy & Stable while a resolution cools down, else `segment`. */
  shown_segment: string;
  resolved_by: string | null;
  resolved_on: string | null;
  label: string;
  reasons: string;
  unknown: string;
  possibly: string;
  facts: string;
  notes: string;
  /** A hash of what makes two rows the same; the next run compares against it. */
  fingerprint: string;
}

export interface TaskRow {
  id: string;
  /** The number in the id (`T-1042` → 1042): ids sort by it, not as text. */
  number: number;
  customer_id: string;
  kind: string;
  segment: string;
  label: string;
  title: string;
  action: string;
  priority: number;
  due_at: number;
  due_date: string;
  status: string;
  closed_reason: string | null;
  closed_on: string | null;
  reasons: string;
  signals: string;
  escalation: string | null;
  context: string;
  /** The context's company name and contract end, as columns the queue is ordered by. */
  company_name: string;
  contract_end_date: string | null;
  owner: string | null;
  created_on: string;
  follow_up_of: string | null;
  pending_follow_up_id: string | null;
}

export interface OutcomeRow {
  id: Generated<number>;
  task_id: string;
  customer_id: string;
  task_kind: string;
  segment: string;
  contact: string;
  issue: string;
  result: string;
  follow_up_on: string | null;
  note: string;
  logged_by: string;
  logged_at: number;
  logged_on: string;
}

export interface ResolutionRow {
  id: Generated<number>;
  customer_id: string;
  resolved_on: string;
  resolved_by: string;
  segment: string;
  signals: string;
  task_id: string;
}

export interface RunRow {
  id: Generated<number>;
  run_date: string;
  /** `cli`, `schedule` or `catch_up`. */
  trigger: string;
  started_at: number;
  finished_at: number | null;
  /** `running`, `completed`, `failed`, `skipped` (the date was locked) or `abandoned`. */
  status: string;
  degraded: SqlBoolean;
  summary: string | null;
  sources: string | null;
  message: string | null;
}

/** Held by the one run working on a date; see run-log.ts for how a stale one is taken over. */
export interface RunLockRow {
  run_date: string;
  run_id: number;
  holder: string;
  locked_at: number;
  heartbeat_at: number;
}

export interface CounterRow {
  name: string;
  value: number;
}
