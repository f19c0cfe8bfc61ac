import type { Kysely, Selectable } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { StorageTables } from "./storage-tables.js";
import type { RunRow } from "./workflow-tables.js";

type Db = Kysely<StorageTables>;

/**
 * `running` until it ends; `skipped`: another run held the date, nothing was done;
 * `abandoned`: its process stopped mid-run and a later run took the date over.
 */
export type RunStatus = "running" | "completed" | "failed" | "skipped" | "abandoned";
/** What started a run: `csops run`, the 09:00 schedule, or the catch-up of a missed one. */
/** How a run was started: the CLI, the 09:00 schedule, a late start making it up, the web app. */
export type RunTrigger = "cli" | "schedule" | "catch_up" | "web";

/** One daily run as the run log keeps it. */
export interface RunRecord {
  id: number;
  date: CalendarDate;
  trigger: RunTrigger;
  startedAt: number;
  finishedAt?: number | undefined;
  status: RunStatus;
  degraded: boolean;
  /** The run's summary (see services/run-summary.ts), once it completed. */
  summary?: unknown;
  /** The sources used, with their age and state. */
  sources?: unknown;
  message?: string | undefined;
}

export interface RunFinish {
  status: Exclude<RunStatus, "running">;
  finishedAt: number;
  degraded?: boolean | undefined;
  summary?: unknown;
  sources?: unknown;
  message?: string | undefined;
}

/** Who holds a date's lock, when it took it and when it last showed it was alive. */
export interface RunLock {
  date: CalendarDate;
  runId: number;
  holder: string;
  lockedAt: number;
  heartbeatAt: number;
}

export type LockAttempt =
  { acquired: true; tookOverFrom?: RunLock | undefined } | { acquired: false; heldBy: RunLock };

/** Records that a run started; returns its id. */
export async function beginRun(
  db: Db,
  start: { date: CalendarDate; trigger: RunTrigger; startedAt: number },
): Promise<number> {
  const row = await db
    .insertInto("runs")
    .values({
      run_date: start.date,
      trigger: start.trigger,
      started_at: start.startedAt,
      status: "running",
      degraded: 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  return Number(row.id);
}

/** Records how a run ended, with its summary. */
export async function finishRun(db: Db, runId: number, finish: RunFinish): Promise<void> {
  await db
    .updateTable("runs")
    .set({
      status: finish.status,
      finished_at: finish.finishedAt,
      degraded: finish.degraded === true ? 1 : 0,
      summary: finish.summary === undefined ? null : JSON.stringify(finish.summary),
      sources: finish.sources === undefined ? null : JSON.stringify(finish.sources),
      message: finish.message ?? null,
    })
    .where("id", "=", runId)
    .execute();
}

/** Which runs `listRuns` returns. */
export interface RunFilter {
  limit: number;
  date?: CalendarDate | undefined;
  /** Runs for this date or an earlier one, the latest date first. */
  onOrBefore?: CalendarDate | undefined;
  status?: RunStatus | undefined;
}

/** The most recent runs, newest first (by date when `onOrBefore` is given, else as started). */
export async function listRuns(db: Db, options: RunFilter): Promise<RunRecord[]> {
  let query = db.selectFrom("runs").selectAll();
  if (options.date !== undefined) query = query.where("run_date", "=", options.date);
  if (options.onOrBefore !== undefined) {
    query = query.where("run_date", "<=", options.onOrBefore).orderBy("run_date", "desc");
  }
  if (options.status !== undefined) query = query.where("status", "=", options.status);
  const rows = await query.orderBy("id", "desc").limit(options.limit).execute();

  return rows.map(rowToRun);
}

/** The latest date a run completed for, if any. */
export async function findLatestCompletedRunDate(db: Db): Promise<CalendarDate | undefined> {
  const row = await db
    .selectFrom("runs")
    .select("run_date")
    .where("status", "=", "completed")
    .orderBy("run_date", "desc")
    .limit(1)
    .executeTakeFirst();

  return row?.run_date;
}

/** Whether a run for `date` completed. */
export async function hasCompletedRun(db: Db, date: CalendarDate): Promise<boolean> {
  const row = await db
    .selectFrom("runs")
    .select("id")
    .where("run_date", "=", date)
    .where("status", "=", "completed")
    .limit(1)
    .executeTakeFirst();

  return row !== undefined;
}

/**
 * Takes the date's lock for `runId`. Only one insert of a date's row can succeed in either
 * database, so of two runs started at once exactly one gets it. A lock whose holder has not
 * shown a heartbeat for `staleAfterSeconds` belongs to a process that died mid-run: it is taken
 * over (compare-and-set on its heartbeat, so two takers cannot both win) and its run marked
 * abandoned.
 */
export async function acquireRunLock(
  db: Db,
  lock: { date: CalendarDate; runId: number; holder: string; now: number },
  staleAfterSeconds: number,
): Promise<LockAttempt> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const inserted = await db
      .insertInto("run_locks")
      .values({
        run_date: lock.date,
        run_id: lock.runId,
        holder: lock.holder,
        locked_at: lock.now,
        heartbeat_at: lock.now,
      })
      .onConflict((conflict) => conflict.column("run_date").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { acquired: true };

    const held = await findRunLock(db, lock.date);
    // Released between the insert and the read: try once more.
    if (held === undefined) continue;
    if (held.heartbeatAt > lock.now - staleAfterSeconds) return { acquired: false, heldBy: held };

    const taken = await db
      .updateTable("run_locks")
      .set({ run_id: lock.runId, holder: lock.holder, locked_at: lock.now, heartbeat_at: lock.now })
      .where("run_date", "=", lock.date)
      .where("run_id", "=", held.runId)
      .where("heartbeat_at", "=", held.heartbeatAt)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) continue;
    await db
      .updateTable("runs")
      .set({
        status: "abandoned",
        finished_at: lock.now,
        message: `stopped without finishing; run ${lock.runId} took the date over`,
      })
      .where("id", "=", held.runId)
      .where("status", "=", "running")
      .execute();

    return { acquired: true, tookOverFrom: held };
  }
  const held = await findRunLock(db, lock.date);

  return held === undefined ? { acquired: true } : { acquired: false, heldBy: held };
}

/** Shows the lock's holder is alive; false when the lock is no longer this run's. */
export async function refreshRunLock(
  db: Db,
  lock: { date: CalendarDate; runId: number; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable("run_locks")
    .set({ heartbeat_at: lock.now })
    .where("run_date", "=", lock.date)
    .where("run_id", "=", lock.runId)
    .executeTakeFirst();

  return Number(result.numUpdatedRows) === 1;
}

/** Lets the date go, if this run still holds it. */
export async function releaseRunLock(
  db: Db,
  lock: { date: CalendarDate; runId: number },
): Promise<void> {
  await db
    .deleteFrom("run_locks")
    .where("run_date", "=", lock.date)
    .where("run_id", "=", lock.runId)
    .execute();
}

async function findRunLock(db: Db, date: CalendarDate): Promise<RunLock | undefined> {
  const row = await db
    .selectFrom("run_locks")
    .selectAll()
    .where("run_date", "=", date)
    .executeTakeFirst();

  return row === undefined
    ? undefined
    : {
        date: row.run_date,
        runId: Number(row.run_id),
        holder: row.holder,
        lockedAt: Number(row.locked_at),
        heartbeatAt: Number(row.heartbeat_at),
      };
}

function rowToRun(row: Selectable<RunRow>): RunRecord {
  return {
    id: Number(row.id),
    date: row.run_date,
    trigger: row.trigger as RunTrigger,
    startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? undefined : Number(row.finished_at),
    status: row.status as RunStatus,
    degraded: row.degraded === 1,
    summary: row.summary === null ? undefined : (JSON.parse(row.summary) as unknown),
    sources: row.sources === null ? undefined : (JSON.parse(row.sources) as unknown),
    message: row.message ?? undefined,
  };
}
