import { hostname } from "node:os";

import type { Config } from "../config/config-schema.js";
import type { RequestClock } from "../connectors/send-with-retries.js";
import type { CustomerFactsRow } from "../domain/build-facts.js";
import type { CalendarDate } from "../domain/dates.js";
import { decideSegment } from "../domain/decide-segment.js";
import type { Rules } from "../domain/rules.js";
import { assignOwners } from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { RunTrigger } from "../storage/run-log.js";
import type { Store } from "../storage/store.js";
import { buildCustomerFacts } from "./build-customer-facts.js";
import { closeDepartedCustomers } from "./close-departed-customers.js";
import { keepRunLockOrFail, takeRunLockOrFail } from "./run-lock.js";
import { reconcileBatch, type BatchResult, type EvaluatedCustomer } from "./reconcile-batch.js";
import {
  addTallies,
  emptySegmentCounts,
  emptyTaskTally,
  toRunSource,
  type RunSummary,
} from "./run-summary.js";
import { syncBeforeRun } from "./sync-before-run.js";
import { csPeopleOf, taskSettingsOf } from "./task-settings-of.js";
import { writeBackAfterRun } from "./write-back-after-run.js";

export interface RunDayOptions {
  store: Store;
  config: Config;
  rules: Rules;
  logger: Logger;
  /** Unix seconds now: the run's timestamps and its lock's heartbeat. */
  now: () => number;
  trigger?: RunTrigger | undefined;
  /** Names the process in the lock, for "already running" messages. */
  holder?: string | undefined;
  /** Customers per transaction. */
  batchSize?: number | undefined;
  /**
   * Where API tokens and addresses come from (`process.env` at the CLI or serve edge). Given,
   * the run first syncs each configured source and, with `hubspot_write_back.enabled`, writes
   * back to HubSpot after reconciling; not given, the run calls no API.
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** false skips the sync (`csops run --no-sync`); the write-back still runs. */
  sync?: boolean | undefined;
  /** How API retries wait; default the real clock. Tests pass one that waits for nothing. */
  requestClock?: RequestClock | undefined;
}

const DEFAULT_BATCH_SIZE = 500;
/** A batch that met an outcome logged at the same moment is read and reconciled again. */
const CONFLICT_RETRIES = 3;

/**
 * The daily run for `date`: builds every customer's facts from the newest data in the store
 * (a stale or missing source makes its facts unknown and the run degraded), decides each
 * customer's segment, shares out owners, reconciles each customer's tasks and records its
 * decision history as changes, in batched transactions; then closes the open tasks of
 * customers no longer in HubSpot and records the run. Running a date again creates nothing
 * new. One run per date at a time: another one throws `run_in_progress` and does nothing.
 */
export async function runDay(date: CalendarDate, options: RunDayOptions): Promise<RunSummary> {
  const { store, logger, now } = options;
  const startedAt = now();
  const runId = await store.beginRun({ date, trigger: options.trigger ?? "cli", startedAt });
  const holder = options.holder ?? `${hostname()} pid ${process.pid}`;
  await takeRunLockOrFail(store, { date, runId, holder, now: startedAt }, logger);

  try {
    const syncs = await syncBeforeRun(date, runId, options);
    const summary = await evaluateAndReconcile(date, runId, startedAt, options);
    if (syncs !== undefined) {
      summary.syncs = syncs;
      summary.degraded ||= syncs.some((sync) => sync.status === "failed");
    }
    if (summary.historyOnlyBefore === undefined) {
      summary.hubspotWriteBack = await writeBackAfterRun(date, runId, options);
    }
    summary.finishedAt = now();
    await store.finishRun(runId, {
      status: "completed",
      finishedAt: summary.finishedAt,
      degraded: summary.degraded,
      summary,
      sources: summary.sources,
    });
    await store.refreshStatistics().catch((error: unknown) => {
      logger.warn({ run: runId, date, err: error }, "could not refresh the database's statistics");
    });
    logger.info(
      {
        run: runId,
        date,
        trigger: options.trigger ?? "cli",
        degraded: summary.degraded,
        customers: summary.customers,
        segments: summary.segments,
        tasks: summary.tasks,
        sources: summary.sources.map((source) => `${source.source} ${source.state}`),
        syncs: summary.syncs?.map((sync) => `${sync.source} ${sync.status}`),
        hubspotWriteBack: summary.hubspotWriteBack,
        failures: summary.failures.length,
      },
      "daily run completed",
    );
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ run: runId, date, err: error }, "daily run failed");
    // Recording the failure must not hide it, should the database be what failed.
    await store
      .finishRun(runId, { status: "failed", finishedAt: now(), message })
      .catch(() => undefined);
    throw error;
  } finally {
    // A lock left behind expires (STALE_LOCK_SECONDS); it must not hide how the run ended.
    await store.releaseRunLock({ date, runId }).catch((error: unknown) => {
      logger.warn({ run: runId, date, err: error }, "could not release the run lock");
    });
  }
}

async function evaluateAndReconcile(
  date: CalendarDate,
  runId: number,
  startedAt: number,
  options: RunDayOptions,
): Promise<RunSummary> {
  const { store, config, rules, logger, now } = options;
  const { build } = await buildCustomerFacts(store, config, rules, date);
  const sources = build.sources.map(toRunSource);
  for (const source of sources.filter((s) => s.state !== "fresh")) {
    logger.warn({ run: runId, source: source.source, state: source.state }, source.message);
  }
  await keepRunLockOrFail(store, date, runId, now);

  const customers = await evaluateCustomers(store, build.customers, date, options);
  const summary: RunSummary = {
    runId,
    date,
    startedAt,
    finishedAt: startedAt,
    degraded: sources.some((source) => source.state !== "fresh"),
    customers: 0,
    segments: emptySegmentCounts(rules),
    shownResolved: 0,
    canceled: 0,
    departed: 0,
    historyChanges: 0,
    tasks: emptyTaskTally(),
    sources,
    failures: [],
  };

  // Tasks are today's: reconciling them against an earlier day's decisions would close alerts
  // that still hold. Such a run only rewrites that day's decision history.
  const latest = await store.findLatestCompletedRunDate();
  const historyOnly = latest !== undefined && date < latest;
  if (historyOnly) summary.historyOnlyBefore = latest;
  const context = { date, runId, rules, settings: taskSettingsOf(config), historyOnly };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  for (let start = 0; start < customers.length; start += batchSize) {
    const batch = customers.slice(start, start + batchSize);
    addBatch(
      summary,
      await retryOnConflict(() => store.transaction((tx) => reconcileBatch(tx, batch, context))),
    );
    await keepRunLockOrFail(store, date, runId, now);
  }

  if (!historyOnly) {
    const known = new Set(customers.map((customer) => customer.row.facts.customerId));
    const departed = await closeDepartedCustomers(store, known, date);
    summary.departed = departed.customers;
    summary.tasks.closed += departed.tasks;
  }
  summary.finishedAt = now();

  return summary;
}

/** Today's decision for every customer, and the CS person its tasks belong to. */
async function evaluateCustomers(
  store: Store,
  rows: CustomerFactsRow[],
  date: CalendarDate,
  options: RunDayOptions,
): Promise<EvaluatedCustomer[]> {
  const states = await store.listCustomerStates();
  const existing = new Map(
    [...states.values()].flatMap((state) =>
      state.assignment === undefined ? [] : [[state.customerId, state.assignment.person] as const],
    ),
  );
  // Canceled customers have no tasks: they keep their person but take no share of the load.
  const isCanceled = (row: CustomerFactsRow) =>
    states.get(row.facts.customerId)?.status === "canceled";
  const owners = rows
    .filter((row) => !isCanceled(row))
    .map((row) => ({
      customerId: row.facts.customerId,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
    }));
  const assignments = assignOwners(owners, csPeopleOf(options.config), existing);

  return rows.map((row) => ({
    row,
    decision: decideSegment(row.facts, date, options.rules),
    assignment: isCanceled(row)
      ? states.get(row.facts.customerId)?.assignment
      : assignments.get(row.facts.customerId),
  }));
}

function addBatch(summary: RunSummary, batch: BatchResult): void {
  addTallies(summary.tasks, batch.tasks);
  for (const [bucket, count] of Object.entries(batch.segments) as [
    keyof RunSummary["segments"],
    number,
  ][]) {
    summary.segments[bucket] += count;
    summary.customers += count;
  }
  summary.shownResolved += batch.shownResolved;
  summary.canceled += batch.canceled;
  summary.historyChanges += batch.historyChanges;
  summary.failures.push(...batch.failures);
}

async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const isConflict = error instanceof CsopsError && error.code === "task_conflict";
      if (!isConflict || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}
