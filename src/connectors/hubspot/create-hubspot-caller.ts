import { Client } from "@hubspot/api-client";

import type { CsopsError } from "../../errors.js";
import { createTimeoutAgent } from "../create-timeout-agent.js";
import { logRetry, type RequestSettings } from "../request-settings.js";
import { sendWithRetries, type RetryReason } from "../send-with-retries.js";
import {
  describeHubspotFailure,
  hubspotRetryReason,
  hubspotStatusOf,
} from "./describe-hubspot-failure.js";

export interface HubspotApiOptions {
  /** The private app's access token, from HUBSPOT_ACCESS_TOKEN. */
  accessToken: string;
  /** `https://api.hubapi.com`, or a fake's address. */
  baseUrl: URL;
  requests: RequestSettings;
  /** The client's limiter, and the search endpoint's own spacing. */
  requestsPerSecond: number;
  searchRequestsPerSecond: number;
}

/**
 * Passed to every call. The client (13.5.0) applies the middleware it was configured with,
 * `httpAgent` included, only when a call passes options naming middleware of its own; without
 * this, the timeout agent would be ignored and a silent server would hang the sync.
 */
export const CONFIGURED_MIDDLEWARE = { middleware: [], middlewareMergeStrategy: "append" as const };

/** A create that failed: `mayExist` when HubSpot may have made the object all the same. */
export interface FailedCreate {
  failed: CsopsError;
  mayExist: boolean;
}

/** The official client, and the ways csops sends calls through it. */
export interface HubspotCaller {
  client: Client;
  /** Sends with the retry policy; a failure throws a CsopsError saying what and why. */
  call<T>(what: string, send: () => Promise<T>, access?: "read" | "write"): Promise<T>;
  /**
   * As `call`, but an answer with one of `statuses` resolves undefined: a 404 (no such
   * property, a task deleted in HubSpot), or a 409 (a property of that name exists).
   */
  find<T>(
    what: string,
    send: () => Promise<T>,
    access?: "read" | "write",
    statuses?: readonly number[],
  ): Promise<T | undefined>;
  /**
   * Sends a create, trying again only when HubSpot surely made nothing (a 429, a refused
   * connection): HubSpot has no idempotency key, so a create that timed out or met a 5xx may
   * have taken effect and is not sent again here (VENDOR-NOTES §1.6).
   */
  create<T>(what: string, send: () => Promise<T>): Promise<{ value: T } | FailedCreate>;
  /** Waits before a CRM search: HubSpot limits searches to a few a second of their own. */
  spaceSearch(): Promise<void>;
}

/**
 * HubSpot through the official client. Its limiter (Bottleneck) spaces requests; its own retry
 * is switched off because it ignores Retry-After, waits a fixed 10 s on a 429, does not retry
 * timeouts, retries creates blindly and prints to the console: csops's retry policy wraps each
 * call instead. The client keeps its limiter process-wide (the last Client made sets it for
 * all), so one sync or write-back makes one client.
 */
export function createHubspotCaller(options: HubspotApiOptions): HubspotCaller {
  const { requests } = options;
  const client = new Client({
    accessToken: options.accessToken,
    basePath: options.baseUrl.href.replace(/\/$/, ""),
    numberOfApiCallRetries: 0,
    limiterOptions: { minTime: 1000 / options.requestsPerSecond, maxConcurrent: 1 },
    httpAgent: createTimeoutAgent(options.baseUrl, requests.timeoutMs),
  });
  const secrets = [options.accessToken];
  const retryReasonOf = (outcome: { error: unknown } | { value: unknown }) =>
    "error" in outcome ? hubspotRetryReason(outcome.error, requests.clock) : undefined;

  const attempt = <T>(what: string, send: () => Promise<T>) =>
    sendWithRetries<T>(send, {
      settings: requests.retry,
      clock: requests.clock,
      reasonOf: retryReasonOf,
      onRetry: logRetry(requests.logger, `HubSpot: ${what}`),
    });

  return {
    client,
    spaceSearch: createSpacing(1000 / options.searchRequestsPerSecond, requests),

    async call(what, send, access) {
      const attempted = await attempt(what, send);
      if ("value" in attempted) return attempted.value;

      throw describeHubspotFailure(attempted, { what, secrets, requests, access });
    },

    async find(what, send, access, statuses = [404]) {
      const attempted = await attempt(what, send);
      if ("value" in attempted) return attempted.value;
      if (statuses.includes(hubspotStatusOf(attempted.error) ?? 0)) return undefined;

      throw describeHubspotFailure(attempted, { what, secrets, requests, access });
    },

    async create<T>(what: string, send: () => Promise<T>) {
      const attempted = await sendWithRetries<T>(send, {
        settings: requests.retry,
        clock: requests.clock,
        reasonOf: (outcome) => {
          const reason = retryReasonOf(outcome);
          return reason !== undefined && isSurelyNotMade(reason) ? reason : undefined;
        },
        onRetry: logRetry(requests.logger, `HubSpot: ${what}`),
      });
      if ("value" in attempted) return { value: attempted.value };

      const reason = hubspotRetryReason(attempted.error, requests.clock);
      const status = hubspotStatusOf(attempted.error);
      // An answer below 500 says HubSpot refused the request; so does a 429 or a refused
      // connection. Anything else (a timeout, a 5xx, a reset, an answer the client could not
      // read) may have followed a create that went through.
      const refused =
        (status !== undefined && status < 500) || (reason !== undefined && isSurelyNotMade(reason));
      const unresolved = refused ? attempted.unresolved : reason;
      const failed = describeHubspotFailure(
        { ...attempted, unresolved },
        { what, secrets, requests, access: "write" },
      );

      return { failed, mayExist: !refused };
    },
  };
}

/** HubSpot turned the request away before doing anything with it. */
function isSurelyNotMade(reason: RetryReason): boolean {
  return (
    reason.kind === "rate_limited" ||
    (reason.kind === "connection" && reason.code === "ECONNREFUSED")
  );
}

/** Resolves no sooner than `intervalMs` after the previous call resolved. */
function createSpacing(intervalMs: number, requests: RequestSettings): () => Promise<void> {
  let next = 0;

  return async () => {
    const now = requests.clock.nowMs();
    if (now < next) await requests.clock.sleep(next - now);
    next = Math.max(now, next) + intervalMs;
  };
}
