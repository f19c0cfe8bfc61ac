import type { ErrorCode } from "../errors.js";

/**
 * How each error code ends the process. 3 means: done, but some input rows were rejected;
 * 4: another run for the same date is in progress, so this one did nothing.
 */
export const EXIT_CODES: Record<ErrorCode | "rows_rejected", number> = {
  usage: 2,
  config_invalid: 1,
  file_unreadable: 1,
  file_empty: 1,
  file_unwritable: 1,
  facts_missing_column: 1,
  facts_invalid: 1,
  import_unknown_kind: 1,
  import_missing_column: 1,
  import_undecodable: 1,
  import_unsupported: 1,
  database_unavailable: 1,
  database_migration_failed: 1,
  source_unavailable: 1,
  // A source refused one request for what it held (HTTP 4xx), not for being unreachable.
  source_refused: 1,
  outcome_invalid: 1,
  task_closed: 1,
  task_not_found: 1,
  task_conflict: 1,
  customer_not_found: 1,
  import_not_found: 1,
  // Not a failure of this command's input: another run holds the date, this one did nothing.
  run_in_progress: 4,
  user_exists: 1,
  user_not_found: 1,
  rows_rejected: 3,
};
