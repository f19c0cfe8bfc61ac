import type { Config } from "../config/config-schema.js";
import type { Logger } from "../logger.js";
import type { RequestClock, RetryReason, RetrySettings } from "./send-with-retries.js";

/** How every connector sends requests: patience, retries, the clock and where retries are logged. */
export interface RequestSettings {
  retry: RetrySettings;
  /** A request with no answer for this long is abandoned (and retried). */
  timeoutMs: number;
  clock: RequestClock;
  logger: Logger;
}

export function readRequestSettings(
  config: Config,
  clock: RequestClock,
  logger: Logger,
): RequestSettings {
  const sync = config.sync;

  return {
    retry: {
      maxAttempts: sync.max_attempts,
      backoffMs: sync.backoff_seconds * 1000,
      maxBackoffMs: sync.max_backoff_seconds * 1000,
      maxRetryAfterMs: sync.max_retry_after_seconds * 1000,
    },
    timeoutMs: sync.timeout_seconds * 1000,
    clock,
    logger,
  };
}

/** Logs a retry at warn: the data is late, not lost. Never logs the request's credentials. */
export function logRetry(logger: Logger, what: string) {
  return (reason: RetryReason, attempt: number, waitMs: number): void => {
    logger.warn({ request: what, attempt, reason, waitMs }, "request failed; retrying");
  };
}
