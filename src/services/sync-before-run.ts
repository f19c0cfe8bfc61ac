import type { CalendarDate } from "../domain/dates.js";
import type { SourceName } from "../domain/records.js";
import type { RunDayOptions } from "./run-day.js";
import { keepRunLockOrFail } from "./run-lock.js";
import { SOURCE_NAMES, syncConfiguredSources, type SourceSyncResult } from "./sync-sources.js";

/** How one API sync before a run went, as the run record keeps it. */
export interface RunSync {
  source: SourceName;
  status: Exclude<SourceSyncResult["status"], "not_configured">;
  /** Why it failed or had nothing new; never holds a secret. */
  reason?: string | undefined;
  recordsChanged: number;
  rowsRejected: number;
}

/**
 * The daily run's first step: syncs each source that is configured for it (listed in
 * `sync.sources`, its token in `env`), one at a time, showing the run's lock is alive after
 * each. A source that fails keeps its previous data, so the staleness rules decide whether its
 * facts become unknown; the caller marks the run degraded. Sources that arrive by files (not
 * configured) are left out. Undefined when the run syncs nothing: no `env`, or `sync: false`.
 */
export async function syncBeforeRun(
  date: CalendarDate,
  runId: number,
  options: RunDayOptions,
): Promise<RunSync[] | undefined> {
  const { store, config, logger, env, now } = options;
  if (env === undefined || options.sync === false) return undefined;

  const syncs: RunSync[] = [];
  for (const source of SOURCE_NAMES) {
    const only = [source];
    const clock = options.requestClock;
    const [result] = await syncConfiguredSources({ store, config, logger, env, now, only, clock });
    if (result !== undefined && result.status !== "not_configured") {
      syncs.push(toRunSync(result, result.status));
    }
    await keepRunLockOrFail(store, date, runId, now);
  }
  for (const failed of syncs.filter((sync) => sync.status === "failed")) {
    logger.warn(
      { run: runId, source: failed.source, reason: failed.reason },
      "source sync failed: the run goes on with its previous data",
    );
  }

  return syncs;
}

function toRunSync(result: SourceSyncResult, status: RunSync["status"]): RunSync {
  return {
    source: result.source,
    status,
    reason: result.reason,
    recordsChanged: result.recordsChanged,
    rowsRejected: result.rowsRejected,
  };
}
