/** How often and how patiently a request is tried again. */
export interface RetrySettings {
  /** Tries per request, the first included. */
  maxAttempts: number;
  /** Wait before the first retry; it doubles with each further one, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A 429 that asks for a longer wait is given up on rather than waited for. */
  maxRetryAfterMs: number;
}

/** Time as the retries see it: passed in, so tests wait for nothing. */
export interface RequestClock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

/** Why a failed request may be worth trying again. */
export type RetryReason =
  | { kind: "rate_limited"; retryAfterMs?: number | undefined }
  | { kind: "server_error"; status: number }
  | { kind: "timeout" }
  | { kind: "connection"; code?: string | undefined };

/**
 * What one request came to after `attempts` tries: an answer or an error. `unresolved` is set
 * when the last one still deserved a retry (tries ran out, or a 429 asked for too long a wait).
 */
export type Attempted<T> = ({ value: T } | { error: unknown }) & {
  attempts: number;
  unresolved?: RetryReason | undefined;
};

export interface RetryContext<T> {
  settings: RetrySettings;
  clock: RequestClock;
  /** Why this answer or error deserves another try; undefined when it does not. */
  reasonOf(outcome: { value: T } | { error: unknown }): RetryReason | undefined;
  /** Called before each wait, for the log. */
  onRetry?: ((reason: RetryReason, attempt: number, waitMs: number) => void) | undefined;
  /** Releases an answer that is dropped for a retry (an unread response body holds a socket). */
  discard?: ((value: T) => void) | undefined;
}

/**
 * Sends a request until it succeeds, fails for good, or runs out of tries. A 429 waits what its
 * Retry-After asks (or backs off when it names no wait); 5xx answers, timeouts and lost
 * connections back off exponentially. The last answer or error is returned as it came, so the
 * caller can say in words why the source failed.
 */
export async function sendWithRetries<T>(
  send: () => Promise<T>,
  context: RetryContext<T>,
): Promise<Attempted<T>> {
  const { settings, clock } = context;

  for (let attempt = 1; ; attempt++) {
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await send() };
    } catch (error) {
      outcome = { error };
    }
    const reason = context.reasonOf(outcome);
    const waitMs = reason === undefined ? undefined : waitBefore(attempt, reason, settings);
    if (reason === undefined || waitMs === undefined || attempt >= settings.maxAttempts) {
      return { ...outcome, attempts: attempt, unresolved: reason };
    }

    if ("value" in outcome) context.discard?.(outcome.value);
    context.onRetry?.(reason, attempt, waitMs);
    await clock.sleep(waitMs);
  }
}

/** The wait before try `attempt + 1`, or undefined when a 429 asks for too long a wait. */
function waitBefore(attempt: number, reason: RetryReason, settings: RetrySettings) {
  if (reason.kind === "rate_limited" && reason.retryAfterMs !== undefined) {
    return reason.retryAfterMs > settings.maxRetryAfterMs ? undefined : reason.retryAfterMs;
  }

  return Math.min(settings.backoffMs * 2 ** (attempt - 1), settings.maxBackoffMs);
}

/**
 * A Retry-After header in milliseconds: delta-seconds (`120`) or an HTTP date (RFC 9110
 * §10.2.3). Undefined when absent or unreadable; a date in the past means no wait.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number) {
  const text = header?.trim() ?? "";
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);

  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** A clock that really waits: for the edge, never for tests. */
export const REAL_CLOCK: RequestClock = {
  nowMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
