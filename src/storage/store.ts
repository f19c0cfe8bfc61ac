import type { Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { FactsInput } from "../domain/facts-input.js";
import type { RecordOfKind, SourceKind } from "../domain/records.js";
import type { DialectName } from "./dialect-differences.js";
import {
  addCoveredDays,
  addImportProblems,
  beginImport,
  findImportedFile,
  finishImport,
  listImportProblems,
  listImports,
  type ImportFinish,
  type ImportProblem,
  type ImportRecord,
  type ImportStart,
} from "./import-log.js";
import { loadFactsInput, type FactsInputOptions } from "./load-facts-input.js";
import { migrateToLatest } from "./migrate-to-latest.js";
import { openDatabase, type Database, type OpenDatabaseOptions } from "./open-database.js";
import type { StorageTables } from "./storage-tables.js";
import { upsertRecords } from "./upsert-records.js";

/** What can be read and recorded, inside a transaction or outside one. */
export interface StoreQueries {
  /** Records that an import started (status `running`); returns its id. */
  beginImport(start: ImportStart): Promise<number>;
  /** Records how an import ended: status, counts, the data's as-of time and coverage. */
  finishImport(importId: number, finish: ImportFinish): Promise<void>;
  addImportProblems(importId: number, problems: readonly ImportProblem[]): Promise<void>;
  /** Marks the days a visits log covers; a day already covered stays with its first import. */
  addCoveredDays(importId: number, days: readonly CalendarDate[]): Promise<void>;
  /** The newest successful (`imported`) import of the same bytes, if any. */
  findImportedFile(sha256: string): Promise<ImportRecord | undefined>;
  /** The most recent imports, newest first. */
  listImports(options: { limit: number }): Promise<ImportRecord[]>;
  /** An import's rejected rows, in the order they were reported. */
  importProblems(importId: number): Promise<ImportProblem[]>;
  /** Everything the facts builder reads for `asOf` (see src/domain/facts-input.ts). */
  loadFactsInput(asOf: CalendarDate, options: FactsInputOptions): Promise<FactsInput>;
}

/** Inside a transaction: the queries, and writing records, all undone if the work throws. */
export interface StoreTx extends StoreQueries {
  /**
   * Inserts or updates records by their source id, in batches; a Matomo visit's events are
   * replaced. Writing the same records again changes nothing. Returns the rows that changed.
   */
  upsertRecords<K extends SourceKind>(
    kind: K,
    records: readonly RecordOfKind[K][],
    importId: number,
  ): Promise<{ changed: number }>;
}

/**
 * The one way the rest of csops reads and writes the database. Records are written only inside
 * `transaction`, so an import is all or nothing. Inside the work, use `tx` only: with SQLite's
 * single connection, a call on the store itself would wait for the transaction to end.
 */
export interface Store extends StoreQueries {
  readonly dialect: DialectName;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A store over an open, migrated database. */
export function createStore(database: Database): Store {
  const { kysely, dialect } = database;

  return {
    ...bindQueries(kysely, dialect),
    dialect,
    // One snapshot for the whole load, so an import committing meanwhile is seen entirely or
    // not at all (PostgreSQL; SQLite's single connection already serialises them).
    loadFactsInput: (asOf, options) =>
      kysely
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute((tx) => loadFactsInput(tx, asOf, options)),
    transaction: (work) => kysely.transaction().execute((tx) => work(bindTransaction(tx, dialect))),
    close: () => database.close(),
  };
}

/** Opens the database `DATABASE_URL` names, brings its schema up to date and returns a store. */
export async function openStore(options: OpenDatabaseOptions): Promise<Store> {
  const database = await openDatabase(options);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }

  return createStore(database);
}

function bindTransaction(tx: Kysely<StorageTables>, dialect: DialectName): StoreTx {
  return {
    ...bindQueries(tx, dialect),
    upsertRecords: (kind, records, importId) => upsertRecords(tx, dialect, kind, records, importId),
  };
}

function bindQueries(db: Kysely<StorageTables>, dialect: DialectName): StoreQueries {
  return {
    beginImport: (start) => beginImport(db, start),
    finishImport: (importId, finish) => finishImport(db, importId, finish),
    addImportProblems: (importId, problems) => addImportProblems(db, dialect, importId, problems),
    addCoveredDays: (importId, days) => addCoveredDays(db, dialect, importId, days),
    findImportedFile: (sha256) => findImportedFile(db, sha256),
    listImports: (options) => listImports(db, options),
    importProblems: (importId) => listImportProblems(db, importId),
    loadFactsInput: (asOf, options) => loadFactsInput(db, asOf, options),
  };
}
