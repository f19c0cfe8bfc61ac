import type { Config } from "../config/config-schema.js";
import { createHubspotApi } from "../connectors/hubspot/create-hubspot-api.js";
import type {
  EngagementType,
  HubspotApi,
  HubspotAssociationType,
} from "../connectors/hubspot/hubspot-api.js";
import { readRequestSettings } from "../connectors/request-settings.js";
import { REAL_CLOCK, type RequestClock } from "../connectors/send-with-retries.js";
import type { CalendarDate } from "../domain/dates.js";
import type { Rules } from "../domain/rules.js";
import { CsopsError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Store } from "../storage/store.js";
import { mirrorTasksToHubspot } from "./mirror-tasks-to-hubspot.js";
import { readSourceConnections } from "./read-source-connections.js";
import { csPeopleOf } from "./task-settings-of.js";
import {
  chooseAssociationType,
  createOwnerDirectory,
  describeFailure,
  type WriteBackContext,
} from "./write-back-context.js";
import { emptyWriteBackReport, type WriteBackReport } from "./write-back-report.js";
import { writeNotesToHubspot } from "./write-notes-to-hubspot.js";
import { writeSegmentsToHubspot } from "./write-segments-to-hubspot.js";

export interface WriteBackOptions {
  store: Store;
  config: Config;
  rules: Rules;
  logger: Logger;
  /** HUBSPOT_ACCESS_TOKEN and HUBSPOT_BASE_URL come from here only: `process.env` at the edge. */
  env: Readonly<Record<string, string | undefined>>;
  /** Unix seconds now. */
  now: () => number;
  /** The segments written are the decisions in force on this date. */
  date: CalendarDate;
  /** How retries wait; default the real clock. Tests pass one that waits for nothing. */
  clock?: RequestClock | undefined;
  /** Called now and then while writing: the daily run refreshes its lock. */
  onProgress?: (() => Promise<void>) | undefined;
  /** For tests: HubSpot as an adapter of their own (a crash between create and ledger). */
  api?: HubspotApi | undefined;
}

/** Calls `onProgress` at most this often (seconds by `now`). */
const PROGRESS_EVERY_SECONDS = 30;
/**
 * Failures in a row, with nothing written between them, after which the write-back stops:
 * HubSpot is down or the token refused, and every remaining item would wait out the same
 * retries to fail the same way. What was not tried is tried on the next write-back.
 */
const FAILURES_BEFORE_STOPPING = 5;
/** Beyond the last possible retry of a create: HubSpot's search lags writes by seconds. */
const SEARCH_LAG_SECONDS = 60;

/**
 * Mirrors csops into HubSpot (`hubspot_write_back`): the segment in a company property, alert
 * and follow-up tasks as HubSpot tasks associated with their company (completed once closed
 * in csops), and logged outcomes as notes. Every write is recorded in the ledger first, so a
 * retry, a re-run or a crash never creates a task or note twice. Never throws for a write that
 * failed: the report counts what was written and lists what failed, and the next write-back
 * tries those again.
 */
export async function writeBackToHubspot(options: WriteBackOptions): Promise<WriteBackReport> {
  const report = emptyWriteBackReport();
  const connection = readSourceConnections(options.env).hubspot;
  if (!("connection" in connection)) {
    const reason = "notConfigured" in connection ? connection.notConfigured : connection.invalid;
    report.failed.push({ item: "write-back", reason });
    options.logger.error({ reason }, "HubSpot write-back skipped");
    return report;
  }

  const logger = options.logger.child({ writeBack: "hubspot" });
  const secret = connection.connection.secret;
  const requests = readRequestSettings(options.config, options.clock ?? REAL_CLOCK, logger);
  const api =
    options.api ??
    createHubspotApi({
      accessToken: secret,
      baseUrl: connection.connection.baseUrl,
      requests,
      requestsPerSecond: options.config.sync.hubspot.requests_per_second,
      searchRequestsPerSecond: options.config.sync.hubspot.search_requests_per_second,
    });
  const context: WriteBackContext = {
    store: options.store,
    api,
    logger,
    now: options.now,
    settleSeconds: settleSecondsOf(options.config),
    ownerIdOf: createOwnerDirectory(
      csPeopleOf(options.config),
      await options.store.listStoredOwners(),
    ),
    associationTypeOf: readAssociationTypesOnce(api),
    report,
    fail: createFailureRecorder(report, (error) => describeFailure(error, secret, logger), logger),
    progress: throttle(options.onProgress, options.now),
  };

  try {
    await writeSegmentsToHubspot(context, options);
    await mirrorTasksToHubspot(context);
    await writeNotesToHubspot(context);
  } catch (error) {
    if (!(error instanceof WriteBackStopped)) throw error;
    report.failed.push({ item: "write-back", reason: error.message });
    logger.error({ reason: error.message }, "HubSpot write-back stopped");
  }
  logger.info(
    {
      tasksCreated: report.tasksCreated,
      tasksCompleted: report.tasksCompleted,
      notes: report.notes,
      segments: report.segments,
      failed: report.failed.length,
    },
    "HubSpot write-back done",
  );

  return report;
}

/**
 * How long a create must have been pending before it is looked for and sent again: longer than
 * the last retry of a 429 another write-back may still be waiting out, and than search's lag.
 */
export function settleSecondsOf(config: Config): number {
  const sync = config.sync;
  const waits =
    (sync.max_attempts - 1) * Math.max(sync.max_retry_after_seconds, sync.max_backoff_seconds);

  return Math.ceil(sync.max_attempts * sync.timeout_seconds + waits + SEARCH_LAG_SECONDS);
}

/** Reads each association type from HubSpot on first use (a failure too, for this write-back). */
function readAssociationTypesOnce(api: HubspotApi) {
  const read = new Map<EngagementType, Promise<HubspotAssociationType>>();

  return (from: EngagementType): Promise<HubspotAssociationType> => {
    let type = read.get(from);
    if (type === undefined) {
      type = api.readAssociationTypes(from).then((types) => chooseAssociationType(from, types));
      read.set(from, type);
    }

    return type;
  };
}

/** Thrown by `fail` to end the write-back early; caught in writeBackToHubspot. */
class WriteBackStopped extends Error {}

/**
 * `context.fail`: records a failure, and stops the write-back when too many come in a row with
 * nothing written between them (see FAILURES_BEFORE_STOPPING).
 */
function createFailureRecorder(
  report: WriteBackReport,
  describe: (error: unknown) => string,
  logger: Logger,
): WriteBackContext["fail"] {
  const written = () =>
    report.tasksCreated + report.tasksCompleted + report.notes + report.segments;
  let writtenAtLastFailure = written();
  let inARow = 0;

  return (item, error, options) => {
    const reason = describe(error);
    report.failed.push({ item, reason });
    logger.warn({ item, reason }, "HubSpot write-back failed for one item");
    const isItsOwn = error instanceof CsopsError && error.code === "source_refused";
    if (options?.alone === true || isItsOwn) return reason;
    inARow = written() === writtenAtLastFailure ? inARow + 1 : 1;
    writtenAtLastFailure = written();
    if (inARow >= FAILURES_BEFORE_STOPPING) {
      throw new WriteBackStopped(
        `stopped after ${inARow} failures in a row with nothing written (the last: ${reason}); ` +
          "what was not tried is tried on the next write-back",
      );
    }

    return reason;
  };
}

function throttle(work: (() => Promise<void>) | undefined, now: () => number) {
  let last = now();

  return async () => {
    if (work === undefined || now() - last < PROGRESS_EVERY_SECONDS) return;
    last = now();
    await work();
  };
}
