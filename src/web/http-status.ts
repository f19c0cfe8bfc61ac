import type { ContentfulStatusCode } from "hono/utils/http-status";

import type { ErrorCode } from "../errors.js";

/**
 * The HTTP status of each error code: the one table the web app reads (the CLI's exit codes
 * are in src/cli/exit-codes.ts). Anything that is not a `CsopsError` is a 500 whose details
 * go to the log, never to the page.
 */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  usage: 400,
  config_invalid: 500,
  file_unreadable: 400,
  file_empty: 400,
  file_unwritable: 500,
  facts_missing_column: 400,
  facts_invalid: 400,
  import_unknown_kind: 400,
  import_missing_column: 400,
  import_undecodable: 400,
  import_unsupported: 400,
  database_unavailable: 503,
  database_migration_failed: 503,
  source_unavailable: 503,
  // A vendor refused one of our requests: our fault or theirs, not the browser's.
  source_refused: 502,
  outcome_invalid: 422,
  task_closed: 409,
  task_not_found: 404,
  task_conflict: 409,
  customer_not_found: 404,
  import_not_found: 404,
  run_in_progress: 409,
  user_exists: 409,
  user_not_found: 404,
};
