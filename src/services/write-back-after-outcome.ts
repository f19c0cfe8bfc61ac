import { redactError } from "../connectors/redact-secrets.js";
import type { CalendarDate } from "../domain/dates.js";
import { writeBackToHubspot, type WriteBackOptions } from "./write-back-to-hubspot.js";
import type { WriteBackReport } from "./write-back-report.js";

/** A write-back started by logged outcomes, one at a time, in the background. */
export interface OutcomeWriteBack {
  /** Asks for a write-back soon; never waits for HubSpot and never throws. */
  request(): void;
  /** Resolves once no write-back is running or asked for (tests, and a server stopping). */
  settled(): Promise<void>;
}

export type OutcomeWriteBackOptions = Omit<WriteBackOptions, "date" | "onProgress"> & {
  /** The team's date now: the segments written are the decisions in force on it. */
  today: () => CalendarDate;
  /** Each finished write-back's report (the CLI prints it; the web app only logs). */
  onReport?: ((report: WriteBackReport) => void) | undefined;
};

/**
 * HubSpot hears of an outcome when it is logged, not the next morning: with
 * `hubspot_write_back.enabled`, each logged outcome asks for a write-back, which completes the
 * task there, adds the outcome's note and creates a follow-up task. Saving an outcome never waits
 * for it; outcomes logged while one runs are taken by one more write-back after it, so a busy
 * morning makes at most one running and one waiting. The ledger keeps it from writing anything
 * twice, beside the daily run's write-back too. Undefined when the write-back is off.
 */
export function createOutcomeWriteBack(
  options: OutcomeWriteBackOptions,
): OutcomeWriteBack | undefined {
  if (!options.config.hubspot_write_back.enabled) return undefined;

  let running: Promise<void> | undefined;
  let askedAgain = false;

  async function writeUntilNothingAsked(): Promise<void> {
    do {
      askedAgain = false;
      try {
        const report = await writeBackToHubspot({ ...options, date: options.today() });
        options.onReport?.(report);
      } catch (error) {
        // A database failure: the outcome is saved; the next write-back tries again.
        const err = redactError(error, [options.env.HUBSPOT_ACCESS_TOKEN ?? ""]);
        options.logger.error({ err }, "HubSpot write-back after an outcome failed");
      }
    } while (askedAgain);
  }

  return {
    request() {
      if (running !== undefined) {
        askedAgain = true;
        return;
      }
      running = writeUntilNothingAsked().finally(() => {
        running = undefined;
      });
    },
    settled: () => running ?? Promise.resolve(),
  };
}
