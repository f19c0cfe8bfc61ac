import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";

import type { Config } from "../config/config-schema.js";
import { listDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import type { RecordOfKind, SourceKind } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { openExportOrFail } from "../importers/open-export.js";
import type { ExportRow, OpenedExport } from "../importers/opened-export.js";
import type { Logger } from "../logger.js";
import type { ImportProblem, ImportStatus } from "../storage/import-log.js";
import type { Store, StoreTx } from "../storage/store.js";
import { listExportFilesOrFail } from "./list-export-files.js";

/** How one file's import ended, as the import log records it. */
export interface ImportOutcome {
  file: string;
  importId: number;
  status: Exclude<ImportStatus, "running">;
  kind?: SourceKind | undefined;
  preset?: string | undefined;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  problems: ImportProblem[];
  /** Why a file was refused, failed or left unchanged. */
  message?: string | undefined;
}

export interface ImportOptions {
  store: Store;
  config: Config;
  logger: Logger;
  /** Unix seconds now. */
  now: () => number;
  kind?: SourceKind | undefined;
  encoding?: string | undefined;
  exportedOn?: CalendarDate | undefined;
}

/** Records are written in batches of this many rows: few statements, bounded memory. */
const BATCH_ROWS = 1000;
/** Problems returned to the caller; the import log keeps every one. */
const KEPT_PROBLEMS = 1000;

/**
 * Imports export files and folders, each file in one transaction: a file is imported whole or
 * not at all, and every file, refused or not, leaves a line in the import log. A file already
 * imported byte for byte is recorded as unchanged and not read again.
 */
export async function importExports(
  paths: readonly string[],
  options: ImportOptions,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const file of listExportFilesOrFail(paths)) {
    const outcome = await importExport(file, options);
    options.logger.info({ import: outcome.importId, file, status: outcome.status }, "import");
    outcomes.push(outcome);
  }

  return outcomes;
}

async function importExport(file: string, options: ImportOptions): Promise<ImportOutcome> {
  const { store, now } = options;
  const sha256 = await hashFile(file);
  const startedAt = now();

  const previous = sha256 === undefined ? undefined : await store.findImportedFile(sha256);
  if (previous !== undefined) {
    const message = `the same bytes were imported before (import ${previous.id}); nothing changed`;
    return record(store, { file, startedAt, sha256, kind: previous.kind }, "unchanged", message);
  }

  let opened: OpenedExport;
  try {
    opened = await openExportOrFail(file, options);
  } catch (error) {
    if (!(error instanceof CsopsError)) throw error;
    return record(store, { file, startedAt, sha256, kind: options.kind }, "refused", error.message);
  }

  const start = { file, startedAt, kind: opened.kind, preset: opened.preset, sha256 };
  const importId = await store.beginImport(start);
  try {
    return await store.transaction((tx) => writeExport(tx, importId, opened, file, options));
  } catch (error) {
    // The transaction is rolled back; the log keeps why, outside it.
    const message = error instanceof CsopsError ? error.message : "the import failed unexpectedly";
    if (!(error instanceof CsopsError)) options.logger.error({ err: error, file }, "import failed");
    await store.finishImport(importId, { ...emptyCounts(now()), status: "failed", message });

    return { ...outcomeBase(file, importId, opened), status: "failed", message, ...zeroRows() };
  }
}

async function writeExport(
  tx: StoreTx,
  importId: number,
  opened: OpenedExport,
  file: string,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const batches = new RecordBatches(tx, importId);
  const problems = new ProblemBatches(tx, importId);
  // A line may yield several records (a ticket and its companies), always one after another.
  let rowsImported = 0;
  let lastLine = 0;

  for await (const row of opened.rows) {
    if ("problems" in row) {
      await problems.add(row);
      continue;
    }
    if (row.line !== lastLine) rowsImported += 1;
    lastLine = row.line;
    await batches.add(row);
  }
  await batches.flush();
  await problems.flush();

  const summary = opened.summary();
  if (summary.coverage !== undefined) {
    await tx.addCoveredDays(importId, listDays(summary.coverage.from, summary.coverage.to));
  }
  const counts = { rowsRead: summary.rowsRead, rowsImported, rowsRejected: problems.rows };
  await tx.finishImport(importId, {
    ...counts,
    status: "imported",
    finishedAt: options.now(),
    dataAsOf: summary.dataAsOf ?? modifiedAt(file),
    coverage: summary.coverage,
    sha256: opened.sha256,
  });

  return {
    ...outcomeBase(file, importId, opened),
    status: "imported",
    ...counts,
    problems: problems.kept,
  };
}

/**
 * Writes rejected rows to the import log as they come. The first ones are also kept for the
 * caller to show; a file with a million bad rows keeps them all in the log, not in memory.
 */
class ProblemBatches {
  rows = 0;
  readonly kept: ImportProblem[] = [];
  private pending: ImportProblem[] = [];

  constructor(
    private readonly tx: StoreTx,
    private readonly importId: number,
  ) {}

  async add(row: Extract<ExportRow, { problems: unknown }>): Promise<void> {
    this.rows += 1;
    for (const problem of row.problems) {
      const located = { line: row.line, ...problem };
      this.pending.push(located);
      if (this.kept.length < KEPT_PROBLEMS) this.kept.push(located);
    }
    if (this.pending.length >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length > 0) await this.tx.addImportProblems(this.importId, this.pending);
    this.pending = [];
  }
}

/** Collects records per kind and writes each kind's batch when it is full. */
class RecordBatches {
  private readonly pending = new Map<SourceKind, RecordOfKind[SourceKind][]>();

  constructor(
    private readonly tx: StoreTx,
    private readonly importId: number,
  ) {}

  async add(row: Extract<ExportRow, { kind: SourceKind }>): Promise<void> {
    const batch = this.pending.get(row.kind) ?? [];
    batch.push(row.record);
    this.pending.set(row.kind, batch);
    if (batch.length >= BATCH_ROWS) await this.write(row.kind);
  }

  async flush(): Promise<void> {
    for (const kind of this.pending.keys()) await this.write(kind);
  }

  private async write(kind: SourceKind): Promise<void> {
    const batch = this.pending.get(kind) ?? [];
    this.pending.set(kind, []);
    if (batch.length > 0) await this.tx.upsertRecords(kind, batch as never[], this.importId);
  }
}

/** A file that never got as far as being read: refused, or the same bytes as before. */
async function record(
  store: Store,
  start: { file: string; startedAt: number; sha256?: string | undefined; kind?: SourceKind },
  status: "refused" | "unchanged",
  message: string,
): Promise<ImportOutcome> {
  const importId = await store.beginImport(start);
  await store.finishImport(importId, { ...emptyCounts(start.startedAt), status, message });

  return {
    file: start.file,
    importId,
    status,
    kind: start.kind,
    message,
    problems: [],
    ...zeroRows(),
  };
}

function outcomeBase(file: string, importId: number, opened: OpenedExport) {
  return { file, importId, kind: opened.kind, preset: opened.preset, problems: [] };
}

function zeroRows() {
  return { rowsRead: 0, rowsImported: 0, rowsRejected: 0 };
}

function emptyCounts(finishedAt: number) {
  return { finishedAt, ...zeroRows() };
}

/** The SHA-256 of a file's bytes, streamed; undefined when it cannot be read (open says why). */
async function hashFile(file: string): Promise<string | undefined> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }

  return hash.digest("hex");
}

/** When nothing in the file says how current it is, its modification time does. */
function modifiedAt(file: string): number {
  return Math.floor(statSync(file).mtimeMs / 1000);
}
