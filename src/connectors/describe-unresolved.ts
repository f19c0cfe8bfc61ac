import type { RetryReason, RetrySettings } from "./send-with-retries.js";

/**
 * Why a source gave up on a request it kept retrying, in words for the person at the terminal:
 * `HubSpot still answered HTTP 503 after 5 attempts (reading companies)`.
 */
export function describeUnresolved(
  vendor: string,
  what: string,
  attempted: { attempts: number; unresolved: RetryReason },
  settings: RetrySettings & { timeoutMs: number },
): string {
  const { attempts, unresolved: reason } = attempted;
  const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;

  switch (reason.kind) {
    case "rate_limited":
      if (reason.retryAfterMs !== undefined && reason.retryAfterMs > settings.maxRetryAfterMs) {
        return (
          `${vendor} asked to wait ${seconds(reason.retryAfterMs)} before more requests ` +
          `(${what}), longer than sync.max_retry_after_seconds (${seconds(settings.maxRetryAfterMs)})`
        );
      }
      return `${vendor} still answered 429 (rate limited) after ${tries} (${what})`;
    case "server_error":
      return `${vendor} still answered HTTP ${reason.status} after ${tries} (${what})`;
    case "timeout":
      return `${vendor} gave no answer within ${seconds(settings.timeoutMs)}, ${tries} (${what})`;
    case "connection":
      return `cannot reach ${vendor}${reason.code ? ` (${reason.code})` : ""} after ${tries} (${what})`;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
