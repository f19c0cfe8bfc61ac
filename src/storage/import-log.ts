import type { Kysely, Selectable } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import { sourceOfKind, type SourceKind, type SourceName } from "../domain/records.js";
import { rowsPerStatement, type DialectName } from "./dialect-differences.js";
import type { ImportRow, StorageTables } from "./storage-tables.js";

/**
 * `running` from `beginImport` until `finishImport`; an import that stays `running` was
 * interrupted. `unchanged`: the same bytes were imported before, nothing was written.
 */
export type ImportStatus = "running" | "imported" | "unchanged" | "refused" | "failed";

export interface ImportStart {
  file: string;
  /** Unix seconds. */
  startedAt: number;
  /** Defaults to the kind's source. */
  source?: SourceName | undefined;
  kind?: SourceKind | undefined;
  preset?: string | undefined;
  sha256?: string | undefined;
}

export interface ImportFinish {
  status: Exclude<ImportStatus, "running">;
  /** Unix seconds. */
  finishedAt: number;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  /** Unix seconds: how current the data is, when the file or the API says so. */
  dataAsOf?: number | undefined;
  /** The days a visits log covers. */
  coverage?: { from: CalendarDate; to: CalendarDate } | undefined;
  message?: string | undefined;
  /** Set here when they are only known once the file has been read; kept when absent. */
  kind?: SourceKind | undefined;
  preset?: string | undefined;
  sha256?: string | undefined;
}

/** One import as recorded: what was read, what came of it, and how current the data is. */
export interface ImportRecord {
  id: number;
  file: string;
  source?: SourceName | undefined;
  kind?: SourceKind | undefined;
  preset?: string | undefined;
  sha256?: string | undefined;
  startedAt: number;
  finishedAt?: number | undefined;
  status: ImportStatus;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  dataAsOf?: number | undefined;
  coverage?: { from: CalendarDate; to: CalendarDate } | undefined;
  message?: string | undefined;
}

/** A rejected row (or one cell of it), located by the file's line and the header as written. */
export interface ImportProblem {
  line: number;
  column?: string | undefined;
  value?: string | undefined;
  message: string;
}

/** Records that an import started, as `running`; returns its id. */
export async function beginImport(db: Kysely<StorageTables>, start: ImportStart): Promise<number> {
  const inserted = await db
    .insertInto("imports")
    .values({
      source: start.source ?? (start.kind === undefined ? null : sourceOfKind(start.kind)),
      kind: start.kind ?? null,
      preset: start.preset ?? null,
      file: start.file,
      sha256: start.sha256 ?? null,
      started_at: start.startedAt,
      status: "running",
      rows_read: 0,
      rows_imported: 0,
      rows_rejected: 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  return Number(inserted.id);
}

/** Records how an import ended. */
export async function finishImport(
  db: Kysely<StorageTables>,
  importId: number,
  finish: ImportFinish,
): Promise<void> {
  const result = await db
    .updateTable("imports")
    .set({
      status: finish.status,
      finished_at: finish.finishedAt,
      rows_read: finish.rowsRead,
      rows_imported: finish.rowsImported,
      rows_rejected: finish.rowsRejected,
      data_as_of: finish.dataAsOf ?? null,
      coverage_from: finish.coverage?.from ?? null,
      coverage_to: finish.coverage?.to ?? null,
      message: finish.message ?? null,
      ...(finish.kind === undefined
        ? {}
        : { kind: finish.kind, source: sourceOfKind(finish.kind) }),
      ...(finish.preset === undefined ? {} : { preset: finish.preset }),
      ...(finish.sha256 === undefined ? {} : { sha256: finish.sha256 }),
    })
    .where("id", "=", importId)
    .executeTakeFirst();

  if (Number(result.numUpdatedRows) !== 1) throw new Error(`No import ${importId} to finish`);
}

/** Adds rejected rows to an import's record; may be called once per batch. */
export async function addImportProblems(
  db: Kysely<StorageTables>,
  dialect: DialectName,
  importId: number,
  problems: readonly ImportProblem[],
): Promise<void> {
  const rows = problems.map((problem) => ({
    import_id: importId,
    line: problem.line,
    column: problem.column ?? null,
    value: problem.value ?? null,
    message: problem.message,
  }));
  const batchSize = rowsPerStatement(dialect, 5);
  for (let start = 0; start < rows.length; start += batchSize) {
    await db
      .insertInto("import_problems")
      .values(rows.slice(start, start + batchSize))
      .execute();
  }
}

/**
 * Marks days as covered by a visits log. A day already covered keeps the import that first
 * covered it, so importing the same log again changes nothing.
 */
export async function addCoveredDays(
  db: Kysely<StorageTables>,
  dialect: DialectName,
  importId: number,
  days: readonly CalendarDate[],
): Promise<void> {
  const rows = [...new Set(days)].map((day) => ({ day, import_id: importId }));
  const batchSize = rowsPerStatement(dialect, 2);
  for (let start = 0; start < rows.length; start += batchSize) {
    await db
      .insertInto("matomo_coverage")
      .values(rows.slice(start, start + batchSize))
      .onConflict((conflict) => conflict.column("day").doNothing())
      .execute();
  }
}

/** The newest successful import of exactly these bytes, if any. */
export async function findImportedFile(
  db: Kysely<StorageTables>,
  sha256: string,
): Promise<ImportRecord | undefined> {
  const row = await db
    .selectFrom("imports")
    .selectAll()
    .where("sha256", "=", sha256)
    .where("status", "=", "imported")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();

  return row === undefined ? undefined : rowToImportRecord(row);
}

/** The most recent imports, newest first. */
export async function listImports(
  db: Kysely<StorageTables>,
  options: { limit: number },
): Promise<ImportRecord[]> {
  const rows = await db
    .selectFrom("imports")
    .selectAll()
    .orderBy("id", "desc")
    .limit(options.limit)
    .execute();

  return rows.map(rowToImportRecord);
}

/** An import's rejected rows, in the order they were reported. */
export async function listImportProblems(
  db: Kysely<StorageTables>,
  importId: number,
): Promise<ImportProblem[]> {
  const rows = await db
    .selectFrom("import_problems")
    .select(["line", "column", "value", "message"])
    .where("import_id", "=", importId)
    .orderBy("id")
    .execute();

  return rows.map((row) => ({
    line: row.line,
    ...(row.column === null ? {} : { column: row.column }),
    ...(row.value === null ? {} : { value: row.value }),
    message: row.message,
  }));
}

/** An `imports` row as an import record. */
export function rowToImportRecord(row: Selectable<ImportRow>): ImportRecord {
  const record: ImportRecord = {
    id: Number(row.id),
    file: row.file,
    startedAt: row.started_at,
    status: row.status as ImportStatus,
    rowsRead: row.rows_read,
    rowsImported: row.rows_imported,
    rowsRejected: row.rows_rejected,
  };
  if (row.source !== null) record.source = row.source as SourceName;
  if (row.kind !== null) record.kind = row.kind as SourceKind;
  if (row.preset !== null) record.preset = row.preset;
  if (row.sha256 !== null) record.sha256 = row.sha256;
  if (row.finished_at !== null) record.finishedAt = row.finished_at;
  if (row.data_as_of !== null) record.dataAsOf = row.data_as_of;
  if (row.coverage_from !== null && row.coverage_to !== null) {
    record.coverage = { from: row.coverage_from, to: row.coverage_to };
  }
  if (row.message !== null) record.message = row.message;

  return record;
}
