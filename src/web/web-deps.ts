import type { Config } from "../config/config-schema.js";
import type { Rules } from "../domain/rules.js";
import type { Logger } from "../logger.js";
import type { JoinReportCache } from "../services/create-join-report-cache.js";
import type { OutcomeWriteBack } from "../services/write-back-after-outcome.js";
import type { Store } from "../storage/store.js";

/** Who may see the app: decided once, from the address the server is bound to. */
export interface AccessSettings {
  /**
   * Bound to anything but the loopback interface (`--host 0.0.0.0`): every page needs a
   * session, even before any user exists. On localhost the demo may run without sign-in until
   * the first user is added.
   */
  isPublic: boolean;
  /** Cookies are `Secure`: served over https, or bound off localhost. */
  secureCookies: boolean;
}

/** What every page is a function of, besides the request. */
export interface WebDeps {
  store: Store;
  config: Config;
  rules: Rules;
  logger: Logger;
  /** Unix seconds now: today's date, due times, session expiry. */
  now: () => number;
  /** Cryptographically random bytes: session ids and CSRF tokens. */
  randomBytes: (size: number) => Uint8Array;
  access: AccessSettings;
  /** Where files uploaded from the browser are kept; the import log names them. */
  uploadsDir: string;
  joinReports: JoinReportCache;
  /** When the scheduler starts the next daily run, for /health and the dashboard. */
  nextRunAt: () => Date | undefined;
  /** Runs today's daily run now (the dashboard's button); absent where no run can be started. */
  runToday?: (() => Promise<unknown>) | undefined;
  /** With the HubSpot write-back on: asked for after each outcome is logged. */
  outcomeWriteBack?: OutcomeWriteBack | undefined;
}
