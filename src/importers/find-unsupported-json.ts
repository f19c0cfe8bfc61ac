import { VISITS_LOG_INSTEAD, type Unsupported } from "./find-unsupported.js";
import { isJsonObject, type JsonObject } from "./json-object.js";

/**
 * Recognises JSON that csops deliberately does not read: Stripe's fixtures file, Matomo's
 * error responses, bulk requests, multi-period results and aggregated reports.
 */
export function findUnsupportedJson(data: unknown, first: JsonObject): Unsupported | undefined {
  if (isJsonObject(data) && isJsonObject(data.resources)) {
    return {
      what: "Stripe's OpenAPI fixtures file (an example of every API resource)",
      instead: "export customers, subscriptions, invoices or charges from the Stripe API instead",
    };
  }
  if (isJsonObject(data) && data.result === "error") {
    const what = `a Matomo error response ("${String(data.message)}")`;
    return { what, instead: VISITS_LOG_INSTEAD };
  }
  if (Array.isArray(data) && data.some((item) => Array.isArray(item) || isDateKeyed(item))) {
    const what = "Matomo's API.getBulkRequest output (several reports in one response)";
    return { what, instead: VISITS_LOG_INSTEAD };
  }
  if (isDateKeyed(data)) {
    const what = "a Matomo report over several periods (keyed by date)";
    return { what, instead: VISITS_LOG_INSTEAD };
  }
  if ("nb_visits" in first || "nb_uniq_visitors" in first || "nb_events" in first) {
    const what = "a Matomo report of aggregated metrics, not the visits log";
    return { what, instead: VISITS_LOG_INSTEAD };
  }

  return undefined;
}

/** `{"2026-11-23": {…}, "2026-11-24": []}`: Matomo's answer for several dates or weeks. */
function isDateKeyed(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const keys = Object.keys(value);

  return (
    keys.length > 0 && keys.every((key) => /^\d{4}-\d{2}(-\d{2})?(,\d{4}-\d{2}-\d{2})?$/.test(key))
  );
}
