import type { CalendarDate } from "../domain/dates.js";
import { CsopsError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Store } from "../storage/store.js";

/**
 * A run that has shown no sign of life for this long died (killed, machine off) and its lock
 * is taken over. A live run refreshes its lock after every batch, a second or so apart even
 * at 100,000 customers, so ten minutes only ever catches a dead one.
 */
export const STALE_LOCK_SECONDS = 600;

/**
 * Takes the date's lock for the run, or records the run as skipped and throws
 * `run_in_progress` when another live run holds it.
 */
export async function takeRunLockOrFail(
  store: Store,
  lock: { date: CalendarDate; runId: number; holder: string; now: number },
  logger: Logger,
): Promise<void> {
  const attempt = await store.acquireRunLock(lock, STALE_LOCK_SECONDS);
  if (attempt.acquired) {
    if (attempt.tookOverFrom !== undefined) {
      logger.warn(
        { run: lock.runId, date: lock.date, abandoned: attempt.tookOverFrom.runId },
        "took over the lock of a run that stopped without finishing",
      );
    }
    return;
  }

  const held = attempt.heldBy;
  const message =
    `a run for ${lock.date} is already in progress (run ${held.runId}, ${held.holder}); ` +
    `this one did nothing (if that run's process is gone, its lock expires ` +
    `${STALE_LOCK_SECONDS / 60} minutes after its last sign of life)`;
  await store.finishRun(lock.runId, { status: "skipped", finishedAt: lock.now, message });
  throw new CsopsError("run_in_progress", message);
}

/** Shows the run is alive; stops it when a later run took its lock over meanwhile. */
export async function keepRunLockOrFail(
  store: Store,
  date: CalendarDate,
  runId: number,
  now: () => number,
): Promise<void> {
  if (await store.refreshRunLock({ date, runId, now: now() })) return;

  throw new CsopsError(
    "run_in_progress",
    `run ${runId} for ${date} lost its lock to another run (it had shown no sign of life for ` +
      `${STALE_LOCK_SECONDS / 60} minutes); it stopped, and the other run finishes the date`,
  );
}
