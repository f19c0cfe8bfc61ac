import Stripe from "stripe";

import { logRetry, type RequestSettings } from "../request-settings.js";
import { parseRetryAfter, sendWithRetries, type RetryReason } from "../send-with-retries.js";

type HttpClient = Stripe.HttpClient;
type HttpResponse = Stripe.HttpClientResponse;

/** A request given up on while it still deserved a retry, for the failure's wording. */
export interface Unresolved {
  attempts: number;
  unresolved: RetryReason;
}

export interface RetryingHttpClient extends HttpClient {
  /** The last request's unresolved retry, if it ended that way; cleared by reading it. */
  takeUnresolved(): Unresolved | undefined;
  /** The `Stripe-Version` of the last answer. */
  answeredVersion(): string | undefined;
}

/** Node's connection errors worth another try; Stripe's client names a timeout ETIMEDOUT. */
const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "EAI_AGAIN"]);

/**
 * Stripe's own HTTP client with csops's retry policy around each request. Stripe's built-in
 * retries (`maxNetworkRetries`) do not retry a 429 unless Stripe-Should-Retry says so, ignore
 * Retry-After and wait at least half a second with random jitter; retrying here, below the
 * client's auto-pagination, keeps one policy for the three sources and a page retried alone.
 */
export function createRetryingHttpClient(requests: RequestSettings): RetryingHttpClient {
  const inner = Stripe.createNodeHttpClient();
  let unresolved: Unresolved | undefined;
  let version: string | undefined;

  return {
    getClientName: () => "csops-retrying-node",
    async makeRequest(host, port, path, method, headers, data, protocol, timeout) {
      const what = `Stripe: ${method} ${path.split("?")[0] ?? path}`;
      const attempted = await sendWithRetries<HttpResponse>(
        () => inner.makeRequest(host, port, path, method, headers, data, protocol, timeout),
        {
          settings: requests.retry,
          clock: requests.clock,
          reasonOf: (outcome) => reasonOf(outcome, requests.clock.nowMs()),
          onRetry: logRetry(requests.logger, what),
          discard: (response) => {
            // An unread body keeps its socket busy; read and drop it.
            if (response.dispose) response.dispose();
            else void response.toJSON().catch(() => undefined);
          },
        },
      );
      unresolved = attempted.unresolved && { ...attempted, unresolved: attempted.unresolved };
      if ("error" in attempted) throw attempted.error;
      const answered = attempted.value.getHeaders()["stripe-version"];
      if (typeof answered === "string") version = answered;

      return attempted.value;
    },
    takeUnresolved() {
      const taken = unresolved;
      unresolved = undefined;
      return taken;
    },
    answeredVersion: () => version,
  };
}

function reasonOf(
  outcome: { value: HttpResponse } | { error: unknown },
  nowMs: number,
): RetryReason | undefined {
  if ("error" in outcome) {
    const code = (outcome.error as { code?: unknown } | undefined)?.code;
    if (code === "ETIMEDOUT") return { kind: "timeout" };
    return typeof code === "string" && TRANSIENT_CODES.has(code)
      ? { kind: "connection", code }
      : undefined;
  }

  const status = outcome.value.getStatusCode();
  const headers = outcome.value.getHeaders();
  if (headers["stripe-should-retry"] === "false") return undefined;
  if (status === 429) {
    const retryAfter = headers["retry-after"];
    const retryAfterMs = parseRetryAfter(
      typeof retryAfter === "string" ? retryAfter : undefined,
      nowMs,
    );
    return { kind: "rate_limited", retryAfterMs };
  }

  return status >= 500 || status === 409 ? { kind: "server_error", status } : undefined;
}
