/** Every failure csops reports on purpose has one of these codes. */
export type ErrorCode =
  | "usage"
  | "config_invalid"
  | "file_unreadable"
  | "file_empty"
  | "file_unwritable"
  | "facts_missing_column"
  | "facts_invalid"
  | "import_unknown_kind"
  | "import_missing_column"
  | "import_undecodable"
  | "import_unsupported"
  | "database_unavailable"
  | "database_migration_failed"
  | "source_unavailable"
  | "source_refused"
  | "outcome_invalid"
  | "task_closed"
  | "task_not_found"
  | "task_conflict"
  | "customer_not_found"
  | "import_not_found"
  | "run_in_progress"
  | "user_exists"
  | "user_not_found";

/** A problem located in a file, reported with the others of its kind. */
export interface Problem {
  file: string;
  line?: number | undefined;
  column?: number | string | undefined;
  message: string;
}

/**
 * The one error type csops throws on purpose. `message` is for the user and never holds a
 * secret; `cause` keeps the underlying error for `--verbose`.
 */
export class CsopsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: Problem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CsopsError";
  }
}

/** `file:line:column: message`, the form editors and terminals link to. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line, problem.column].filter((part) => part !== undefined);

  return `${where.join(":")}: ${problem.message}`;
}

/** Why a file could not be read, in words: `ENOENT` means little to the person at the terminal. */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";

  return code ?? String(error);
}
