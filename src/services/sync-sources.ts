import type { Config } from "../config/config-schema.js";
import { createListingSpool, type FetchedListing } from "../connectors/create-listing-spool.js";
import { redactError, redactSecrets } from "../connectors/redact-secrets.js";
import { readRequestSettings } from "../connectors/request-settings.js";
import { REAL_CLOCK, type RequestClock } from "../connectors/send-with-retries.js";
import type { SourceName } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { readImportSettingsOrFail, type ImportSettings } from "../importers/import-settings.js";
import type { Logger } from "../logger.js";
import type { Store } from "../storage/store.js";
import {
  importListings,
  recordImportAttempt,
  type ImportListing,
  type ImportOutcome,
} from "./import-listings.js";
import { fetchSource } from "./fetch-source.js";
import { readSourceConnections, type SourceConnection } from "./read-source-connections.js";

export interface SyncSourcesOptions {
  store: Store;
  config: Config;
  logger: Logger;
  /** Tokens and base URLs come from here only: `process.env` at the edge. */
  env: Readonly<Record<string, string | undefined>>;
  /** Unix seconds now. */
  now: () => number;
  /** Sync only these sources (`csops sync --source`); default: every configured one. */
  only?: readonly SourceName[] | undefined;
  /** Fetch everything again: HubSpot in full, Matomo's whole backfill. */
  full?: boolean | undefined;
  /** How retries wait; default the real clock. Tests pass one that waits for nothing. */
  clock?: RequestClock | undefined;
}

/**
 * How one source's sync ended. `failed` keeps the source's previous data as it was; the daily
 * run goes on with it (or with its facts unknown once it is too old) and is marked degraded.
 */
export interface SourceSyncResult {
  source: SourceName;
  status: "synced" | "up_to_date" | "failed" | "not_configured";
  /** Why it failed, was not configured or had nothing new: never holds a secret. */
  reason?: string | undefined;
  /** One per listing written (`api:hubspot/companies`, …), as the import log has them. */
  listings: ImportOutcome[];
  /** Records inserted or changed: 0 when nothing changed at the source. */
  recordsChanged: number;
  rowsRejected: number;
  /** Unix seconds: how current the source's data now is. */
  dataAsOf?: number | undefined;
}

export const SOURCE_NAMES: readonly SourceName[] = ["hubspot", "stripe", "matomo"];

/** The sources that sync: listed in `sync.sources` and with their token in the environment. */
export function listConfiguredSources(
  config: Config,
  env: Readonly<Record<string, string | undefined>>,
): SourceName[] {
  const connections = readSourceConnections(env);

  return SOURCE_NAMES.filter(
    (source) => config.sync.sources.includes(source) && !("notConfigured" in connections[source]),
  );
}

/**
 * Syncs every configured source, one after another, each on its own: a source that fails (a
 * bad token, a missing scope, a server that keeps failing) is reported and the others go on.
 * Each source is fetched whole into a spool first, then written through the import path in one
 * transaction, so a sync that fails midway leaves that source's previous data intact. Every
 * attempt is in the import log. Never throws for a source's failure.
 */
export async function syncConfiguredSources(
  options: SyncSourcesOptions,
): Promise<SourceSyncResult[]> {
  const connections = readSourceConnections(options.env);
  const settings = readImportSettingsOrFail(options.config);
  const results: SourceSyncResult[] = [];

  for (const source of SOURCE_NAMES) {
    if (options.only !== undefined && !options.only.includes(source)) continue;
    const state = connections[source];
    if (!options.config.sync.sources.includes(source)) {
      results.push(emptyResult(source, "not_configured", "not listed in sync.sources"));
    } else if ("notConfigured" in state) {
      results.push(emptyResult(source, "not_configured", state.notConfigured));
    } else if ("invalid" in state) {
      results.push(await recordFailure(source, state.invalid, options));
    } else {
      results.push(await syncSource(source, state.connection, settings, options));
    }
  }

  return results;
}

async function syncSource(
  source: SourceName,
  connection: SourceConnection,
  settings: ImportSettings,
  options: SyncSourcesOptions,
): Promise<SourceSyncResult> {
  const logger = options.logger.child({ source });
  const requests = readRequestSettings(options.config, options.clock ?? REAL_CLOCK, logger);
  const spool = await createListingSpool();
  try {
    let listings: FetchedListing[];
    try {
      const { store, config, full, now } = options;
      const fetch = {
        connection,
        settings,
        requests,
        spool,
        store,
        config,
        full,
        startedAt: now(),
      };
      listings = await fetchSource(source, fetch);
    } catch (error) {
      return await recordFailure(source, reasonOf(error, connection, logger), options);
    }
    if (listings.length === 0) return await recordUpToDate(source, options);

    const outcomes = await importListings(listings.map(toImportListing), { ...options, logger });
    const result = resultOf(source, outcomes);
    logger.info(
      { status: result.status, changed: result.recordsChanged, rejected: result.rowsRejected },
      "source synced",
    );

    return result;
  } finally {
    await spool.remove();
  }
}

function toImportListing(fetched: FetchedListing): ImportListing {
  return {
    name: fetched.name,
    kind: fetched.kind,
    preset: fetched.preset,
    rows: fetched.rows(),
    finish: () => fetched.summary,
  };
}

/** Why a fetch failed, for the user and the import log: a CsopsError says it; anything else is a bug. */
function reasonOf(error: unknown, connection: SourceConnection, logger: Logger): string {
  if (error instanceof CsopsError) return error.message;
  logger.error({ err: redactError(error, [connection.secret]) }, "sync failed unexpectedly");
  const said = error instanceof Error ? error.message : String(error);

  return `the sync failed unexpectedly: ${redactSecrets(said, [connection.secret])}`;
}

/** A source with nothing new to fetch (Matomo, between days): a line in the log says so. */
async function recordUpToDate(
  source: SourceName,
  options: SyncSourcesOptions,
): Promise<SourceSyncResult> {
  const reason = "every closed day was fetched before";
  const at = options.now();
  const outcome = await recordImportAttempt(options.store, {
    file: `api:${source}`,
    source,
    startedAt: at,
    finishedAt: at,
    status: "unchanged",
    message: reason,
  });

  return { ...emptyResult(source, "up_to_date", reason), listings: [outcome] };
}

/** A source that failed before anything was written: one line in the import log says why. */
async function recordFailure(
  source: SourceName,
  reason: string,
  options: SyncSourcesOptions,
): Promise<SourceSyncResult> {
  const at = options.now();
  options.logger.error({ source, reason }, "source sync failed");
  const outcome = await recordImportAttempt(options.store, {
    file: `api:${source}`,
    source,
    startedAt: at,
    finishedAt: at,
    status: "failed",
    message: reason,
  });

  return { ...emptyResult(source, "failed", reason), listings: [outcome] };
}

function resultOf(source: SourceName, outcomes: ImportOutcome[]): SourceSyncResult {
  const failed = outcomes.find((outcome) => outcome.status === "failed");
  const asOf = outcomes.map((outcome) => outcome.dataAsOf).filter((at) => at !== undefined);

  return {
    source,
    status: failed === undefined ? "synced" : "failed",
    reason: failed?.message,
    listings: outcomes,
    recordsChanged: outcomes.reduce((sum, outcome) => sum + outcome.recordsChanged, 0),
    rowsRejected: outcomes.reduce((sum, outcome) => sum + outcome.rowsRejected, 0),
    dataAsOf: failed === undefined && asOf.length > 0 ? Math.min(...asOf) : undefined,
  };
}

function emptyResult(
  source: SourceName,
  status: SourceSyncResult["status"],
  reason: string,
): SourceSyncResult {
  return { source, status, reason, listings: [], recordsChanged: 0, rowsRejected: 0 };
}
