import Stripe from "stripe";

import { CsopsError } from "../../errors.js";
import { describeUnresolved } from "../describe-unresolved.js";
import { redactError, redactSecrets } from "../redact-secrets.js";
import type { RequestSettings } from "../request-settings.js";
import { createRetryingHttpClient, type Unresolved } from "./create-retrying-http-client.js";
import type { StripeApi, StripeObject } from "./stripe-api.js";

export interface StripeApiOptions {
  /** A restricted key (`rk_…`) with read access to customers, subscriptions and invoices. */
  apiKey: string;
  /** `https://api.stripe.com`, or a fake's address (STRIPE_API_BASE). */
  baseUrl: URL;
  /** Sent as Stripe-Version with every request, so the answers' shape never drifts. */
  apiVersion: string;
  requests: RequestSettings;
}

const PAGE = 100;

/**
 * Stripe through the official client, the API version pinned, its auto-pagination reading
 * every list to the end. Its own retries are off (`maxNetworkRetries: 0`): the HTTP client
 * beneath it retries each request by csops's policy (see create-retrying-http-client.ts).
 */
export function createStripeApi(options: StripeApiOptions): StripeApi {
  const { baseUrl, requests } = options;
  const http = createRetryingHttpClient(requests);
  const stripe = new Stripe(options.apiKey, {
    // The client's types follow its own version; the pinned one is older on purpose.
    apiVersion: options.apiVersion as Stripe.LatestApiVersion,
    host: baseUrl.hostname,
    port: baseUrl.port || (baseUrl.protocol === "http:" ? 80 : 443),
    protocol: baseUrl.protocol === "http:" ? "http" : "https",
    maxNetworkRetries: 0,
    timeout: requests.timeoutMs,
    httpClient: http,
    telemetry: false,
  });
  const fail = (error: unknown, what: string) =>
    describeStripeFailure(error, what, http.takeUnresolved(), {
      secrets: [options.apiKey],
      requests,
    });

  async function* readAll(what: string, list: AsyncIterable<unknown>) {
    try {
      for await (const object of list) yield object as StripeObject;
    } catch (error) {
      throw fail(error, what);
    }
  }

  return {
    pinnedVersion: options.apiVersion,
    answeredVersion: () => http.answeredVersion(),
    listCustomers: () => readAll("customers", stripe.customers.list({ limit: PAGE })),
    listSubscriptions: () =>
      readAll("subscriptions", stripe.subscriptions.list({ limit: PAGE, status: "all" })),
    listInvoices: ({ status, createdSince }) =>
      readAll(
        status === "open" ? "open invoices" : "recent invoices",
        stripe.invoices.list({
          limit: PAGE,
          ...(status === undefined ? {} : { status }),
          ...(createdSince === undefined ? {} : { created: { gte: createdSince } }),
        }),
      ),
    async retrieveInvoice(invoiceId) {
      try {
        return (await stripe.invoices.retrieve(invoiceId)) as unknown as StripeObject;
      } catch (error) {
        if ((error as { statusCode?: unknown }).statusCode === 404) return undefined;
        throw fail(error, `invoice ${invoiceId}`);
      }
    },
  };
}

/** Why the Stripe sync failed, in words, without the key. */
function describeStripeFailure(
  error: unknown,
  what: string,
  unresolved: Unresolved | undefined,
  context: { secrets: readonly string[]; requests: RequestSettings },
): CsopsError {
  const { requests } = context;
  const status = (error as { statusCode?: unknown }).statusCode;
  const said = error instanceof Error ? error.message : String(error);
  let message: string;
  if (unresolved !== undefined) {
    const settings = { ...requests.retry, timeoutMs: requests.timeoutMs };
    message = describeUnresolved("Stripe", `reading ${what}`, unresolved, settings);
  } else if (status === 401) {
    message = `Stripe refused the API key (HTTP 401): check STRIPE_API_KEY (${said})`;
  } else if (status === 403) {
    message =
      `Stripe's key may not read ${what} (HTTP 403: ${said}); give the restricted key read ` +
      "access to Customers, Subscriptions and Invoices";
  } else if (typeof status === "number") {
    message = `Stripe refused the request for ${what} (HTTP ${status}): ${said}`;
  } else {
    message = `reading ${what} from Stripe failed: ${said}`;
  }

  return new CsopsError("source_unavailable", redactSecrets(message, context.secrets), [], {
    cause: redactError(error, context.secrets),
  });
}
