import { redactError, redactSecrets } from "../connectors/redact-secrets.js";
import type { CalendarDate } from "../domain/dates.js";
import type { RunDayOptions } from "./run-day.js";
import { writeBackToHubspot } from "./write-back-to-hubspot.js";
import type { WriteBackReport } from "./write-back-report.js";

/**
 * The daily run's HubSpot write-back, after its reconciliation, when `hubspot_write_back` is
 * on (and the run was given an `env`). Its failures never fail the run: they are reported, and
 * the next run tries them again. The run's lock is refreshed while it writes.
 */
export async function writeBackAfterRun(
  date: CalendarDate,
  runId: number,
  options: RunDayOptions,
): Promise<WriteBackReport | undefined> {
  const { store, config, rules, logger, env, now } = options;
  if (env === undefined || !config.hubspot_write_back.enabled) return undefined;

  try {
    return await writeBackToHubspot({
      store,
      config,
      rules,
      logger,
      env,
      now,
      date,
      clock: options.requestClock,
      onProgress: async () => {
        await store.refreshRunLock({ date, runId, now: now() });
      },
    });
  } catch (error) {
    // A database failure while writing back; the run's own work is done and recorded.
    const secrets = [env.HUBSPOT_ACCESS_TOKEN ?? ""];
    logger.error({ run: runId, err: redactError(error, secrets) }, "HubSpot write-back failed");
    const reason = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
    return {
      tasksCreated: 0,
      tasksCompleted: 0,
      associationsRepaired: 0,
      notes: 0,
      segments: 0,
      failed: [{ item: "write-back", reason: `failed unexpectedly: ${reason}` }],
    };
  }
}
