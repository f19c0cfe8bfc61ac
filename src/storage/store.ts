import { sql, type Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { FactsInput } from "../domain/facts-input.js";
import type { RecordOfKind, SourceKind } from "../domain/records.js";
import type {
  Outcome,
  OwnerAssignment,
  QueueEntry,
  Resolution,
  Signal,
  Task,
} from "../domain/tasks/index.js";
import {
  countUsers,
  deleteExpiredSessions,
  deleteSession,
  deleteUser,
  findSession,
  findUserByEmail,
  insertSession,
  insertUser,
  listUsers,
  replacePasswordHash,
  touchSession,
  type NewUser,
  type SessionRecord,
  type User,
} from "./accounts.js";
import {
  cancelCustomer,
  listCustomerStates,
  saveAssignments,
  type CustomerState,
} from "./customer-states.js";
import {
  countCompanies,
  listCustomerRows,
  listPlans,
  type CustomerListFilter,
  type CustomerRow,
} from "./customer-list.js";
import { findImports } from "./find-imports.js";
import {
  findDecisionOn,
  listHistory,
  recordDecisions,
  type HistoryEntry,
} from "./decision-history.js";
import type { DialectName } from "./dialect-differences.js";
import { bindHubspotLedger, type HubspotLedgerQueries } from "./hubspot-ledger.js";
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
import { countOutcomes, insertOutcome, listOutcomesOf } from "./outcome-log.js";
import { tallyOutcomes, type OutcomeTally } from "./outcome-tallies.js";
import {
  findDueByWeekEnd,
  listQueueCompanions,
  listQueueIds,
  listQueuePage,
  summarizeQueue,
  type QueueGroup,
  type QueueNarrowing,
  type QueueScope,
} from "./queue-queries.js";
import { findLatestResolutions, insertResolution, updateResolutionSignals } from "./resolutions.js";
import {
  acquireRunLock,
  beginRun,
  finishRun,
  findLatestCompletedRunDate,
  hasCompletedRun,
  listRuns,
  refreshRunLock,
  releaseRunLock,
  type LockAttempt,
  type RunFilter,
  type RunFinish,
  type RunRecord,
  type RunTrigger,
} from "./run-log.js";
import { searchCompanies, type CompanyMatch } from "./search-companies.js";
import { listSegmentsOn, type SegmentOnDate } from "./segments-on-date.js";
import type { StorageTables } from "./storage-tables.js";
import { findLastImport, listOpenInvoiceIds } from "./sync-queries.js";
import { reserveTaskNumbers, type TaskNumbers } from "./task-numbers.js";
import {
  findLastCheckIns,
  findTask,
  findTasks,
  insertTasks,
  listCustomersWithOpenTasks,
  listOpenTasks,
  listOpenTasksOf,
  listTasksOfCustomer,
  updateOpenTasks,
} from "./task-queries.js";
import { upsertRecords } from "./upsert-records.js";

/** What can be read and recorded, inside a transaction or outside one. */
export interface StoreQueries extends HubspotLedgerQueries {
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
  /** The newest successful import of the listing or file `file` (API syncs' state). */
  findLastImport(file: string): Promise<ImportRecord | undefined>;
  /** Ids of the Stripe invoices stored as open. */
  listOpenInvoiceIds(): Promise<string[]>;

  // The run log. Written outside any transaction on purpose: a lock must be visible to other
  // processes before the run's work starts, and a run's record must survive its failure.
  /** Records that a daily run started (status `running`); returns its id. */
  beginRun(start: { date: CalendarDate; trigger: RunTrigger; startedAt: number }): Promise<number>;
  finishRun(runId: number, finish: RunFinish): Promise<void>;
  /** The most recent runs, newest first (see `RunFilter`). */
  listRuns(options: RunFilter): Promise<RunRecord[]>;
  hasCompletedRun(date: CalendarDate): Promise<boolean>;
  /** The latest date a run completed for, if any. */
  findLatestCompletedRunDate(): Promise<CalendarDate | undefined>;
  /** Takes the date's run lock; see run-log.ts for how a stale lock is taken over. */
  acquireRunLock(
    lock: { date: CalendarDate; runId: number; holder: string; now: number },
    staleAfterSeconds: number,
  ): Promise<LockAttempt>;
  /** Shows the holder is alive; false when the lock is no longer this run's. */
  refreshRunLock(lock: { date: CalendarDate; runId: number; now: number }): Promise<boolean>;
  releaseRunLock(lock: { date: CalendarDate; runId: number }): Promise<void>;

  // Tasks, outcomes, resolutions, customers' CS state and decision history.
  /** Companies a person may mean: that id, else that name, else names containing the text. */
  searchCompanies(text: string, options: { limit: number }): Promise<CompanyMatch[]>;
  findTask(taskId: string): Promise<Task | undefined>;
  /** Every open task (or one person's), by due time. */
  listOpenTasks(options?: { owner?: string | undefined }): Promise<Task[]>;
  /** The tasks with these ids, whatever their status, in no particular order. */
  findTasks(taskIds: readonly string[]): Promise<Task[]>;
  // The queue, counted and paged by the database (see queue-queries.ts).
  summarizeQueue(scope: QueueScope & { weekEnd: CalendarDate }): Promise<QueueGroup[]>;
  listQueuePage(
    scope: QueueScope & { narrowing: QueueNarrowing; offset: number; limit: number },
  ): Promise<QueueEntry[]>;
  findDueByWeekEnd(
    scope: QueueScope & { weekEnd: CalendarDate; position: number },
  ): Promise<QueueEntry | undefined>;
  listQueueIds(scope: QueueScope & { narrowing: QueueNarrowing }): Promise<string[]>;
  listQueueCompanions(scope: {
    date: CalendarDate;
    owner?: string | undefined;
  }): Promise<{ upcoming: QueueEntry[]; escalations: QueueEntry[] }>;
  /** The open tasks of these customers. */
  listOpenTasksOf(customerIds: readonly string[]): Promise<Task[]>;
  /** Every task of one customer, newest first. */
  listTasksOfCustomer(customerId: string): Promise<Task[]>;
  listCustomersWithOpenTasks(): Promise<string[]>;
  /** Per customer, when its latest check-in was made. */
  findLastCheckIns(customerIds: readonly string[]): Promise<Map<string, CalendarDate>>;
  /** The CS state of these customers, or of all known ones. */
  listCustomerStates(customerIds?: readonly string[]): Promise<Map<string, CustomerState>>;
  /** Per customer, its latest resolution. */
  findLatestResolutions(customerIds: readonly string[]): Promise<Map<string, Resolution>>;
  /** A customer's decision in force on `date`: its newest history entry on or before it. */
  findDecisionOn(customerId: string, date: CalendarDate): Promise<HistoryEntry | undefined>;
  /** A customer's history entries, newest first. */
  listHistory(customerId: string, options: { limit: number }): Promise<HistoryEntry[]>;
  /** A customer's outcomes, newest first. */
  listOutcomesOf(customerId: string): Promise<Outcome[]>;
  /** Outcomes logged between two dates (inclusive), on one person's tasks when `owner` is set. */
  countOutcomes(options: {
    from: CalendarDate;
    to: CalendarDate;
    owner?: string | undefined;
  }): Promise<number>;

  // What the web app lists and counts (see the files named for the details).
  /** Companies in HubSpot, deleted ones not counted. */
  countCompanies(): Promise<number>;
  /** The plans companies have, for a filter's choices. */
  listPlans(): Promise<string[]>;
  /** One page of the customer list, with the decision in force on `filter.date`. */
  listCustomerRows(filter: CustomerListFilter): Promise<{ rows: CustomerRow[]; total: number }>;
  /** Every customer's decision in force on `date`, canceled customers left out. */
  listSegmentsOn(date: CalendarDate): Promise<SegmentOnDate[]>;
  /** The import records with these ids, oldest first. */
  findImports(importIds: readonly number[]): Promise<ImportRecord[]>;
  /** Outcomes logged between two dates (inclusive), per contact, issue, result and person. */
  tallyOutcomes(range: { from: CalendarDate; to: CalendarDate }): Promise<OutcomeTally[]>;

  // People who sign in to the web app, and their sessions (see accounts.ts).
  countUsers(): Promise<number>;
  listUsers(): Promise<User[]>;
  findUserByEmail(email: string): Promise<(User & { passwordHash: string }) | undefined>;
  insertUser(user: NewUser): Promise<number>;
  /** Also ends the user's sessions. */
  replacePasswordHash(userId: number, hash: string): Promise<void>;
  /** Also ends the user's sessions. */
  deleteUser(userId: number): Promise<void>;
  insertSession(session: SessionRecord): Promise<void>;
  /** The session and its user, unless it expired by `now`. */
  findSession(
    idHash: string,
    now: number,
  ): Promise<{ session: SessionRecord; user: User } | undefined>;
  touchSession(idHash: string, seen: { lastSeenAt: number; expiresAt: number }): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;
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

  /**
   * Takes the task counter for the rest of the transaction (call it first) and hands out the
   * ids after it; `save` before the work returns.
   */
  reserveTaskNumbers(): Promise<TaskNumbers>;
  insertTasks(tasks: readonly Task[]): Promise<void>;
  /** Writes the new state of tasks still open in the store; `task_conflict` if one is not. */
  updateOpenTasks(tasks: readonly Task[]): Promise<void>;
  /** Records customers' CS person, adding customers seen for the first time on `seenOn`. */
  saveAssignments(
    assignments: readonly { customerId: string; assignment?: OwnerAssignment | undefined }[],
    seenOn: CalendarDate,
  ): Promise<void>;
  cancelCustomer(cancellation: {
    customerId: string;
    canceledOn: CalendarDate;
    canceledBy: string;
  }): Promise<void>;
  insertOutcome(outcome: Outcome): Promise<void>;
  insertResolution(resolution: Resolution): Promise<void>;
  updateResolutionSignals(resolution: {
    customerId: string;
    resolvedOn: CalendarDate;
    signals: readonly Signal[];
  }): Promise<void>;
  /** Records decisions dated `date` as changes; returns how many entries were written. */
  recordDecisions(entries: readonly HistoryEntry[], date: CalendarDate): Promise<number>;
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
  /**
   * After a run has rewritten many tasks: on PostgreSQL, brings the planner's statistics of the
   * tasks up to date and marks their pages visible, so the queue is read from its index alone
   * before autovacuum comes round (at 100,000 customers, 70 ms a queue page rather than 150).
   * Nothing on SQLite, whose plan does not depend on them.
   */
  refreshStatistics(): Promise<void>;
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
        .execute((tx) => loadFactsInput(tx, dialect, asOf, options)),
    transaction: (work) => kysely.transaction().execute((tx) => work(bindTransaction(tx, dialect))),
    refreshStatistics: async () => {
      // VACUUM runs outside a transaction. SQLite plans the queue from its index as it is.
      if (dialect === "postgres") await sql`vacuum (analyze) tasks`.execute(kysely);
    },
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
    reserveTaskNumbers: () => reserveTaskNumbers(tx),
    insertTasks: (tasks) => insertTasks(tx, dialect, tasks),
    updateOpenTasks: (tasks) => updateOpenTasks(tx, dialect, tasks),
    saveAssignments: (assignments, seenOn) => saveAssignments(tx, dialect, assignments, seenOn),
    cancelCustomer: (cancellation) => cancelCustomer(tx, cancellation),
    insertOutcome: (outcome) => insertOutcome(tx, outcome),
    insertResolution: (resolution) => insertResolution(tx, resolution),
    updateResolutionSignals: (resolution) => updateResolutionSignals(tx, resolution),
    recordDecisions: (entries, date) => recordDecisions(tx, dialect, entries, date),
  };
}

function bindQueries(db: Kysely<StorageTables>, dialect: DialectName): StoreQueries {
  return {
    ...bindHubspotLedger(db),
    beginImport: (start) => beginImport(db, start),
    finishImport: (importId, finish) => finishImport(db, importId, finish),
    addImportProblems: (importId, problems) => addImportProblems(db, dialect, importId, problems),
    addCoveredDays: (importId, days) => addCoveredDays(db, dialect, importId, days),
    findImportedFile: (sha256) => findImportedFile(db, sha256),
    listImports: (options) => listImports(db, options),
    importProblems: (importId) => listImportProblems(db, importId),
    loadFactsInput: (asOf, options) => loadFactsInput(db, dialect, asOf, options),
    findLastImport: (file) => findLastImport(db, file),
    listOpenInvoiceIds: () => listOpenInvoiceIds(db),
    beginRun: (start) => beginRun(db, start),
    finishRun: (runId, finish) => finishRun(db, runId, finish),
    listRuns: (options) => listRuns(db, options),
    hasCompletedRun: (date) => hasCompletedRun(db, date),
    findLatestCompletedRunDate: () => findLatestCompletedRunDate(db),
    acquireRunLock: (lock, staleAfterSeconds) => acquireRunLock(db, lock, staleAfterSeconds),
    refreshRunLock: (lock) => refreshRunLock(db, lock),
    releaseRunLock: (lock) => releaseRunLock(db, lock),
    searchCompanies: (text, options) => searchCompanies(db, text, options),
    findTask: (taskId) => findTask(db, taskId),
    listOpenTasks: (options) => listOpenTasks(db, options),
    findTasks: (taskIds) => findTasks(db, taskIds),
    summarizeQueue: (scope) => summarizeQueue(db, scope),
    listQueuePage: (scope) => listQueuePage(db, dialect, scope),
    findDueByWeekEnd: (scope) => findDueByWeekEnd(db, dialect, scope),
    listQueueIds: (scope) => listQueueIds(db, dialect, scope),
    listQueueCompanions: (scope) => listQueueCompanions(db, scope),
    listOpenTasksOf: (customerIds) => listOpenTasksOf(db, customerIds),
    listTasksOfCustomer: (customerId) => listTasksOfCustomer(db, customerId),
    listCustomersWithOpenTasks: () => listCustomersWithOpenTasks(db),
    findLastCheckIns: (customerIds) => findLastCheckIns(db, customerIds),
    listCustomerStates: (customerIds) => listCustomerStates(db, customerIds),
    findLatestResolutions: (customerIds) => findLatestResolutions(db, customerIds),
    findDecisionOn: (customerId, date) => findDecisionOn(db, customerId, date),
    listHistory: (customerId, options) => listHistory(db, customerId, options),
    listOutcomesOf: (customerId) => listOutcomesOf(db, customerId),
    countOutcomes: (options) => countOutcomes(db, options),
    countCompanies: () => countCompanies(db),
    listPlans: () => listPlans(db),
    listCustomerRows: (filter) => listCustomerRows(db, filter),
    listSegmentsOn: (date) => listSegmentsOn(db, date),
    findImports: (importIds) => findImports(db, importIds),
    tallyOutcomes: (range) => tallyOutcomes(db, range),
    countUsers: () => countUsers(db),
    listUsers: () => listUsers(db),
    findUserByEmail: (email) => findUserByEmail(db, email),
    insertUser: (user) => insertUser(db, user),
    replacePasswordHash: (userId, hash) => replacePasswordHash(db, userId, hash),
    deleteUser: (userId) => deleteUser(db, userId),
    insertSession: (session) => insertSession(db, session),
    findSession: (idHash, now) => findSession(db, idHash, now),
    touchSession: (idHash, seen) => touchSession(db, idHash, seen),
    deleteSession: (idHash) => deleteSession(db, idHash),
    deleteExpiredSessions: (now) => deleteExpiredSessions(db, now),
  };
}
