import { listDays } from "../domain/add-days.js";
import type { RecordOfKind, SourceKind, SourceName } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import type { ExportRow, ExportSummary, RowProblem } from "../importers/opened-export.js";
import type { Logger } from "../logger.js";
import type { ImportProblem, ImportStatus } from "../storage/import-log.js";
import type { Store, StoreTx } from "../storage/store.js";

/**
 * Rows to import as one entry of the import log: an export file's rows, or one listing an API
 * connector fetched (`api:hubspot/companies`). Both go through the same path to the store.
 */
export interface ImportListing {
  /** The file, or the API listing's name: the import log's file column. */
  name: string;
  kind: SourceKind;
  preset: string;
  /** Files: the hash of their bytes, known before they are read. */
  sha256?: string | undefined;
  rows: AsyncIterable<ExportRow>;
  /** Valid once `rows` is read: rows read, coverage, the data's as-of time, the final hash. */
  finish(): ExportSummary & { sha256?: string | undefined };
  /**
   * Files: a record id on a second line is rejected, naming the first, rather than silently
   * replacing it. An API listing may page over a record twice while it changes: not an error.
   */
  refuseRepeats?: boolean | undefined;
}

/** How one listing's import ended, as the import log records it. */
export interface ImportOutcome {
  /** The file, or the API listing's name. */
  file: string;
  importId: number;
  status: Exclude<ImportStatus, "running">;
  kind?: SourceKind | undefined;
  preset?: string | undefined;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  /** Records inserted or changed: 0 when the same data came again. */
  recordsChanged: number;
  /** Unix seconds: how current the imported data is. */
  dataAsOf?: number | undefined;
  problems: ImportProblem[];
  /** Why a listing was refused, failed or left unchanged. */
  message?: string | undefined;
}

export interface ImportListingsOptions {
  store: Store;
  logger: Logger;
  /** Unix seconds now. */
  now: () => number;
}

/** Records are written in batches of this many rows: few statements, bounded memory. */
const BATCH_ROWS = 1000;
/** Problems returned to the caller; the import log keeps every one. */
const KEPT_PROBLEMS = 1000;

/**
 * Writes listings in one transaction: all of them or none. Each has its own line in the import
 * log, begun before the transaction so that a failure is recorded while everything it wrote is
 * undone. A file is one listing; an API sync of one source is several, written together, so a
 * sync that fails midway leaves the source's previous data exactly as it was.
 */
export async function importListings(
  listings: readonly ImportListing[],
  options: ImportListingsOptions,
): Promise<ImportOutcome[]> {
  const { store, now } = options;
  const startedAt = now();
  const importIds: number[] = [];
  for (const listing of listings) {
    const { name: file, kind, preset, sha256 } = listing;
    importIds.push(await store.beginImport({ file, startedAt, kind, preset, sha256 }));
  }

  try {
    return await store.transaction(async (tx) => {
      const outcomes: ImportOutcome[] = [];
      for (const [index, listing] of listings.entries()) {
        outcomes.push(await writeListing(tx, importIds[index] ?? 0, listing, now));
      }
      return outcomes;
    });
  } catch (error) {
    // The transaction is rolled back; the log keeps why, outside it.
    const message = error instanceof CsopsError ? error.message : "the import failed unexpectedly";
    if (!(error instanceof CsopsError)) {
      options.logger.error({ err: error, files: listings.map((l) => l.name) }, "import failed");
    }
    const finishedAt = now();
    for (const importId of importIds) {
      await store.finishImport(importId, { status: "failed", finishedAt, message, ...zeroRows() });
    }

    return listings.map((listing, index) => ({
      file: listing.name,
      importId: importIds[index] ?? 0,
      kind: listing.kind,
      preset: listing.preset,
      status: "failed",
      message,
      problems: [],
      ...zeroRows(),
      recordsChanged: 0,
    }));
  }
}

/** Records an attempt that never got as far as rows: refused, unchanged, or a failed fetch. */
export async function recordImportAttempt(
  store: Store,
  attempt: {
    file: string;
    startedAt: number;
    finishedAt: number;
    status: "refused" | "unchanged" | "failed";
    message: string;
    source?: SourceName | undefined;
    kind?: SourceKind | undefined;
    sha256?: string | undefined;
  },
): Promise<ImportOutcome> {
  const { file, startedAt, finishedAt, status, message, source, kind, sha256 } = attempt;
  const importId = await store.beginImport({ file, startedAt, source, kind, sha256 });
  await store.finishImport(importId, { status, finishedAt, message, ...zeroRows() });

  return { file, importId, status, kind, message, problems: [], ...zeroRows(), recordsChanged: 0 };
}

async function writeListing(
  tx: StoreTx,
  importId: number,
  listing: ImportListing,
  now: () => number,
): Promise<ImportOutcome> {
  const batches = new RecordBatches(tx, importId);
  const problems = new ProblemBatches(tx, importId);
  // A line may yield several records (a ticket and its companies), always one after another.
  let rowsImported = 0;
  let lastLine = 0;
  const firstLines = listing.refuseRepeats === true ? new FirstLines() : undefined;
  let repeatedLine: number | undefined;

  for await (const row of listing.rows) {
    if ("problems" in row) {
      await problems.add(row);
      continue;
    }
    // The records after a repeated one on its line (a ticket's companies) go with it.
    if (row.line === repeatedLine) continue;
    const repeated = firstLines?.find(row);
    if (repeated !== undefined) {
      repeatedLine = row.line;
      await problems.add({ line: row.line, problems: [repeated] });
      continue;
    }
    if (row.line !== lastLine) rowsImported += 1;
    lastLine = row.line;
    await batches.add(row);
  }
  await batches.flush();
  await problems.flush();

  const summary = listing.finish();
  if (summary.coverage !== undefined) {
    await tx.addCoveredDays(importId, listDays(summary.coverage.from, summary.coverage.to));
  }
  const counts = { rowsRead: summary.rowsRead, rowsImported, rowsRejected: problems.rows };
  await tx.finishImport(importId, {
    ...counts,
    status: "imported",
    finishedAt: now(),
    dataAsOf: summary.dataAsOf,
    coverage: summary.coverage,
    sha256: summary.sha256,
  });

  return {
    file: listing.name,
    importId,
    kind: listing.kind,
    preset: listing.preset,
    status: "imported",
    ...counts,
    recordsChanged: batches.changed,
    dataAsOf: summary.dataAsOf,
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

/**
 * The line each record id was first seen on, for the kinds whose rows each hold one record of
 * their own (not visits: a visits log is the large file, and a visit seen twice is the same).
 */
class FirstLines {
  private readonly seen = new Map<string, number>();

  /** The problem when the row's record id was on an earlier line; remembers it otherwise. */
  find(row: Extract<ExportRow, { kind: SourceKind }>): RowProblem | undefined {
    const id = recordIdOf(row);
    if (id === undefined) return undefined;
    const key = `${row.kind}\u0000${id}`;
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, row.line);
      return undefined;
    }

    return {
      value: id,
      message: `${row.kind} ${id} repeats line ${first}; the first is kept`,
    };
  }
}

function recordIdOf(row: Extract<ExportRow, { kind: SourceKind }>): string | undefined {
  switch (row.kind) {
    case "hubspot_companies":
      return row.record.companyId;
    case "hubspot_tickets":
      return row.record.ticketId;
    case "stripe_customers":
      return row.record.customerId;
    case "stripe_subscriptions":
      return row.record.subscriptionId;
    case "stripe_invoices":
      return row.record.invoiceId;
    case "stripe_charges":
      return row.record.chargeId;
    case "matomo_users":
      return row.record.userId;
    default:
      return undefined;
  }
}

/** Collects records per kind and writes each kind's batch when it is full. */
class RecordBatches {
  changed = 0;
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
    if (batch.length === 0) return;
    const { changed } = await this.tx.upsertRecords(kind, batch as never[], this.importId);
    this.changed += changed;
  }
}

function zeroRows() {
  return { rowsRead: 0, rowsImported: 0, rowsRejected: 0 };
}
