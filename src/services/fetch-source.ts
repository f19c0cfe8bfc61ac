import type { Config } from "../config/config-schema.js";
import type { FetchedListing, ListingSpool } from "../connectors/create-listing-spool.js";
import { createHubspotApi } from "../connectors/hubspot/create-hubspot-api.js";
import { fetchHubspot, HUBSPOT_LISTINGS } from "../connectors/hubspot/fetch-hubspot.js";
import { createMatomoApi } from "../connectors/matomo/create-matomo-api.js";
import { fetchMatomo, MATOMO_LISTING } from "../connectors/matomo/fetch-matomo.js";
import type { RequestSettings } from "../connectors/request-settings.js";
import { createStripeApi } from "../connectors/stripe/create-stripe-api.js";
import { fetchStripe } from "../connectors/stripe/fetch-stripe.js";
import type { SourceName } from "../domain/records.js";
import type { ImportSettings } from "../importers/import-settings.js";
import type { StoreQueries } from "../storage/store.js";
import type { SourceConnection } from "./read-source-connections.js";

/** What fetching one source needs: its connection, the settings, and what the store knows. */
export interface SourceFetch {
  connection: SourceConnection;
  settings: ImportSettings;
  requests: RequestSettings;
  spool: ListingSpool;
  store: Pick<StoreQueries, "findLastImport" | "listOpenInvoiceIds">;
  config: Config;
  /** Fetch everything again rather than what is new since the last sync. */
  full?: boolean | undefined;
  /** Unix seconds when the sync started. */
  startedAt: number;
}

/** HubSpot's search lags behind writes; each incremental sync reaches back this far. */
const HUBSPOT_OVERLAP_SECONDS = 15 * 60;

/**
 * Fetches one source's listings into the spool, through its official client (Matomo: its
 * Reporting API), reading where the last sync stopped from the import log.
 */
export function fetchSource(source: SourceName, fetch: SourceFetch): Promise<FetchedListing[]> {
  const fetchers = { hubspot: fetchFromHubspot, stripe: fetchFromStripe, matomo: fetchFromMatomo };

  return fetchers[source](fetch);
}

async function fetchFromHubspot(fetch: SourceFetch): Promise<FetchedListing[]> {
  const { connection, config } = fetch;
  const api = createHubspotApi({
    accessToken: connection.secret,
    baseUrl: connection.baseUrl,
    requests: fetch.requests,
    requestsPerSecond: config.sync.hubspot.requests_per_second,
    searchRequestsPerSecond: config.sync.hubspot.search_requests_per_second,
  });
  const last = fetch.full
    ? undefined
    : await fetch.store.findLastImport(HUBSPOT_LISTINGS.companies);
  const since = last?.dataAsOf;
  const modifiedSinceMs =
    since === undefined ? undefined : (since - HUBSPOT_OVERLAP_SECONDS) * 1000;

  return fetchHubspot({ ...fetch, api, modifiedSinceMs });
}

async function fetchFromStripe(fetch: SourceFetch): Promise<FetchedListing[]> {
  const api = createStripeApi({
    apiKey: fetch.connection.secret,
    baseUrl: fetch.connection.baseUrl,
    apiVersion: fetch.config.sync.stripe.api_version,
    requests: fetch.requests,
  });

  return fetchStripe({
    ...fetch,
    api,
    invoiceLookbackDays: fetch.config.sync.stripe.invoice_lookback_days,
    storedOpenInvoiceIds: await fetch.store.listOpenInvoiceIds(),
  });
}

async function fetchFromMatomo(fetch: SourceFetch): Promise<FetchedListing[]> {
  const matomo = fetch.config.sync.matomo;
  const api = createMatomoApi({
    tokenAuth: fetch.connection.secret,
    url: fetch.connection.baseUrl,
    pageSize: matomo.page_size,
    requests: fetch.requests,
  });
  const last = fetch.full ? undefined : await fetch.store.findLastImport(MATOMO_LISTING);

  return fetchMatomo({
    ...fetch,
    api,
    logger: fetch.requests.logger,
    now: fetch.startedAt,
    siteId: matomo.site_id,
    backfillDays: matomo.backfill_days,
    syncedUntil: last?.dataAsOf,
  });
}
