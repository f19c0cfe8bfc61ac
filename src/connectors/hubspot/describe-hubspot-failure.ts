import { CsopsError, type ErrorCode } from "../../errors.js";
import { describeUnresolved } from "../describe-unresolved.js";
import { TIMEOUT_CODE } from "../create-timeout-agent.js";
import { redactError, redactSecrets } from "../redact-secrets.js";
import type { RequestSettings } from "../request-settings.js";
import {
  parseRetryAfter,
  type Attempted,
  type RequestClock,
  type RetryReason,
} from "../send-with-retries.js";

/** What HubSpot's client throws for an answer that is not a success (`ApiException`). */
interface HubspotAnswer {
  code: number;
  body?: unknown;
  headers?: Record<string, string> | undefined;
}

/** Connection failures worth another try: the request most likely never reached HubSpot. */
const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "EAI_AGAIN", "ETIMEDOUT"]);

/**
 * Whether a failed HubSpot call is worth another try: a 429 (after its Retry-After; not the
 * daily limit, which lasts until midnight), a 5xx, a timeout or a lost connection.
 */
export function hubspotRetryReason(error: unknown, clock: RequestClock): RetryReason | undefined {
  const answer = answerOf(error);
  if (answer !== undefined) {
    if (answer.code === 429) {
      if (policyOf(answer) === "DAILY") return undefined;
      const retryAfterMs = parseRetryAfter(headerOf(answer, "retry-after"), clock.nowMs());
      return { kind: "rate_limited", retryAfterMs };
    }
    return answer.code >= 500 ? { kind: "server_error", status: answer.code } : undefined;
  }

  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === TIMEOUT_CODE) return { kind: "timeout" };
  if (typeof code === "string" && TRANSIENT_CODES.has(code)) return { kind: "connection", code };

  return undefined;
}

/**
 * Why a HubSpot call failed, in words, without the token. `access` says whether csops was
 * reading (the sync) or writing (the write-back), for the message and the scope it names.
 */
export function describeHubspotFailure(
  attempted: Extract<Attempted<unknown>, { error: unknown }>,
  context: {
    what: string;
    secrets: readonly string[];
    requests: RequestSettings;
    access?: "read" | "write" | undefined;
  },
): CsopsError {
  const { what, secrets, requests } = context;
  const access = context.access ?? "read";
  const doing = `${access === "read" ? "reading" : "writing"} ${what}`;
  const message = (() => {
    if (attempted.unresolved !== undefined) {
      const settings = { ...requests.retry, timeoutMs: requests.timeoutMs };
      return describeUnresolved(
        "HubSpot",
        doing,
        { ...attempted, unresolved: attempted.unresolved },
        settings,
      );
    }
    const answer = answerOf(attempted.error);
    if (answer === undefined) {
      return `${doing} ${access === "read" ? "from" : "to"} HubSpot failed: ${String(attempted.error)}`;
    }
    const said = messageOf(answer);
    if (answer.code === 401) {
      return `HubSpot refused the access token (HTTP 401): check HUBSPOT_ACCESS_TOKEN (${said})`;
    }
    if (answer.code === 403) {
      const scopes = requiredScopesOf(answer);
      const needed =
        scopes.length > 0 ? `; give the private app the scope ${scopes.join(" or ")}` : "";
      return `HubSpot's access token may not ${access} ${what} (HTTP 403: ${said})${needed}`;
    }
    if (answer.code === 429) {
      return "HubSpot's daily API limit is used up; it resets at midnight in the account's time zone";
    }
    return `HubSpot refused the request for ${what} (HTTP ${answer.code}): ${said}`;
  })();

  return new CsopsError(codeOf(attempted), redactSecrets(message, secrets), [], {
    cause: redactError(attempted.error, secrets),
  });
}

/**
 * `source_refused` when HubSpot turned down this one request for what it held (a 4xx other
 * than a refused token, a missing scope or a rate limit): the next request may well work.
 */
function codeOf(attempted: { error: unknown; unresolved?: unknown }): ErrorCode {
  const status = answerOf(attempted.error)?.code;
  const isItsOwn =
    attempted.unresolved === undefined &&
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    ![401, 403, 429].includes(status);

  return isItsOwn ? "source_refused" : "source_unavailable";
}

/** The HTTP status HubSpot answered a failed call with; undefined when no answer came. */
export function hubspotStatusOf(error: unknown): number | undefined {
  return answerOf(error)?.code;
}

function answerOf(error: unknown): HubspotAnswer | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? (error as HubspotAnswer) : undefined;
}

function headerOf(answer: HubspotAnswer, name: string): string | undefined {
  const headers = answer.headers ?? {};
  const key = Object.keys(headers).find((header) => header.toLowerCase() === name);

  return key === undefined ? undefined : headers[key];
}

function bodyOf(answer: HubspotAnswer): Record<string, unknown> {
  const body = answer.body;
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { message: body };
    }
  }

  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
}

function policyOf(answer: HubspotAnswer): unknown {
  return bodyOf(answer).policyName;
}

function messageOf(answer: HubspotAnswer): string {
  const message = bodyOf(answer).message;
  return typeof message === "string" && message !== "" ? message : "no message";
}

/** HubSpot names the scopes a 403 lacks under `errors[].context.requiredGranularScopes`. */
function requiredScopesOf(answer: HubspotAnswer): string[] {
  const errors = bodyOf(answer).errors;
  if (!Array.isArray(errors)) return [];

  return errors.flatMap((error: { context?: Record<string, unknown> }) => {
    const scopes = error?.context?.requiredGranularScopes ?? error?.context?.requiredScopes;
    return Array.isArray(scopes) ? scopes.map(String) : [];
  });
}
