import { CsopsError } from "../../errors.js";
import { describeUnresolved } from "../describe-unresolved.js";
import { redactError, redactSecrets } from "../redact-secrets.js";
import { logRetry, type RequestSettings } from "../request-settings.js";
import { parseRetryAfter, sendWithRetries, type RetryReason } from "../send-with-retries.js";
import type { MatomoApi, MatomoVisit } from "./matomo-api.js";

export interface MatomoApiOptions {
  /** MATOMO_TOKEN_AUTH: sent in the POST body only, as Matomo's secure-only tokens require. */
  tokenAuth: string;
  /** MATOMO_URL: the Matomo address, with or without `/index.php`. */
  url: URL;
  pageSize: number;
  requests: RequestSettings;
}

/** Connection failures worth another try (undici reports them as the cause of "fetch failed"). */
const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

/**
 * Matomo's Reporting API over POST forms. Matomo reports most errors with HTTP 200 and a body
 * `{"result":"error","message":…}`, so every answer's body is checked, not just its status.
 */
export function createMatomoApi(options: MatomoApiOptions): MatomoApi {
  const { requests, tokenAuth } = options;
  const endpoint = endpointOf(options.url);

  const call = async (what: string, params: Record<string, string>): Promise<unknown> => {
    const body = new URLSearchParams({ module: "API", format: "JSON", ...params });
    body.set("token_auth", tokenAuth);
    const attempted = await sendWithRetries(
      () =>
        fetch(endpoint, { method: "POST", body, signal: AbortSignal.timeout(requests.timeoutMs) }),
      {
        settings: requests.retry,
        clock: requests.clock,
        reasonOf: (outcome) => reasonOf(outcome, requests.clock.nowMs()),
        onRetry: logRetry(requests.logger, `Matomo: ${what}`),
        discard: (response) => void response.body?.cancel().catch(() => undefined),
      },
    );
    const fail = (message: string, cause?: unknown) => failure(message, cause, tokenAuth);
    if (attempted.unresolved !== undefined) {
      const settings = { ...requests.retry, timeoutMs: requests.timeoutMs };
      const unresolved = { ...attempted, unresolved: attempted.unresolved };
      const cause = "error" in attempted ? attempted.error : undefined;
      throw fail(describeUnresolved("Matomo", `reading ${what}`, unresolved, settings), cause);
    }
    if ("error" in attempted) {
      throw fail(
        `reading ${what} from Matomo failed: ${describeFetchError(attempted.error)}`,
        attempted.error,
      );
    }

    return readAnswerOrFail(attempted.value, what, fail);
  };

  return {
    async readSiteTimeZone(siteId) {
      const site = await call(`site ${siteId}`, {
        method: "SitesManager.getSiteFromId",
        idSite: String(siteId),
      });
      const zone = (Array.isArray(site) ? site[0] : site) as { timezone?: unknown } | undefined;
      if (typeof zone?.timezone !== "string" || zone.timezone === "") {
        throw new CsopsError("source_unavailable", `Matomo named no time zone for site ${siteId}`);
      }

      return zone.timezone;
    },

    async *listVisitsOfDay(siteId, day) {
      // Offsets count the rows Matomo read before any filtering, so they advance by the page
      // size even when a page comes back short (matomo-org/matomo#7784).
      for (let offset = 0; ; offset += options.pageSize) {
        const page = await call(`visits of ${day}`, {
          method: "Live.getLastVisitsDetails",
          idSite: String(siteId),
          period: "day",
          date: day,
          filter_limit: String(options.pageSize),
          filter_offset: String(offset),
          filter_sort_order: "asc",
        });
        if (!Array.isArray(page)) {
          throw new CsopsError("source_unavailable", `Matomo's visits of ${day} are not a list`);
        }
        if (page.length === 0) return;
        yield page as MatomoVisit[];
      }
    },
  };
}

function failure(message: string, cause: unknown, tokenAuth: string): CsopsError {
  return new CsopsError("source_unavailable", redactSecrets(message, [tokenAuth]), [], {
    cause: cause === undefined ? undefined : redactError(cause, [tokenAuth]),
  });
}

/** Node's fetch says only "fetch failed"; the reason is its cause's code (ENOTFOUND, …). */
function describeFetchError(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: { code?: unknown } };
  const code = typeof cause?.code === "string" ? ` (${cause.code})` : "";

  return `${message ?? String(error)}${code}`;
}

function endpointOf(url: URL): string {
  const href = url.href.replace(/\/$/, "");

  return /\.php$/.test(url.pathname) ? href : `${href}/index.php`;
}

function reasonOf(
  outcome: { value: Response } | { error: unknown },
  nowMs: number,
): RetryReason | undefined {
  if ("error" in outcome) {
    const error = outcome.error as { name?: string; cause?: { code?: unknown } };
    if (error.name === "TimeoutError" || error.name === "AbortError") return { kind: "timeout" };
    const code = error.cause?.code;
    return typeof code === "string" && TRANSIENT_CODES.has(code)
      ? { kind: "connection", code }
      : undefined;
  }

  const { status, headers } = outcome.value;
  if (status === 429) {
    return {
      kind: "rate_limited",
      retryAfterMs: parseRetryAfter(headers.get("retry-after"), nowMs),
    };
  }

  return status >= 500 ? { kind: "server_error", status } : undefined;
}

/** The answer's JSON, or the error Matomo wrote into it (with HTTP 200 as often as not). */
async function readAnswerOrFail(
  response: Response,
  what: string,
  fail: (message: string, cause?: unknown) => CsopsError,
): Promise<unknown> {
  const text = await response.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch (error) {
    const status = response.ok ? "an answer" : `HTTP ${response.status}`;
    throw fail(
      `Matomo sent ${status} that is not JSON for ${what}: is MATOMO_URL Matomo's address?`,
      error,
    );
  }
  const reported = answer as { result?: unknown; message?: unknown } | null;
  if (reported?.result === "error") {
    const said = typeof reported.message === "string" ? reported.message : "no message";
    throw fail(
      isAccessRefusal(said)
        ? `Matomo refused the token for ${what}: ${said} (check MATOMO_TOKEN_AUTH and the site's view access)`
        : `Matomo answered an error for ${what}: ${said}`,
    );
  }
  if (!response.ok) throw fail(`Matomo answered HTTP ${response.status} for ${what}`);

  return answer;
}

function isAccessRefusal(message: string): boolean {
  return /token|authenticat|access|permission|log ?in/i.test(message);
}
