import type { CalendarDate } from "../domain/dates.js";
import type { SourceName } from "../domain/records.js";
import type { Bucket, Rules } from "../domain/rules.js";
import type { SourceStatus } from "../domain/source-status.js";
import type { TaskChange } from "../domain/tasks/index.js";
import type { RunSync } from "./sync-before-run.js";
import type { WriteBackReport } from "./write-back-report.js";

/** What one source contributed to a run: how old its data was and whether it was used. */
export interface RunSource {
  source: SourceName;
  state: SourceStatus["state"];
  newestDataDate?: CalendarDate | undefined;
  ageDays?: number | undefined;
  maxAgeDays: number;
  message: string;
}

/** What the run did to tasks. */
export interface TaskTally {
  /** Every task made: alerts (escalations included) and check-ins. */
  created: number;
  alerts: number;
  /** Alerts labelled as an escalation: a higher segment, or a new signal beside a follow-up. */
  escalated: number;
  checkIns: number;
  refreshed: number;
  superseded: number;
  cleared: number;
  /** Closed because the customer cancelled or left HubSpot. */
  closed: number;
  /** Open tasks after the run: the size of the queue. */
  open: number;
}

/** A daily run's result, as recorded in the run log and printed by `csops run`. */
export interface RunSummary {
  runId: number;
  date: CalendarDate;
  startedAt: number;
  finishedAt: number;
  /** A source was stale or missing: its facts were unknown. */
  degraded: boolean;
  /** Customers evaluated (canceled ones are not). */
  customers: number;
  /** Customers per segment and bucket, every one listed, zeros included. */
  segments: Record<Bucket, number>;
  /** Customers shown as Healthy & Stable because a person resolved them (in `segments` by rule). */
  shownResolved: number;
  /** Canceled customers, skipped. */
  canceled: number;
  /** Customers no longer in HubSpot (deleted) whose open tasks were closed. */
  departed: number;
  /** History entries written: customers whose decision or facts changed. */
  historyChanges: number;
  tasks: TaskTally;
  sources: RunSource[];
  /** Customers the run could not reconcile; the others went on. */
  failures: { customerId: string; message: string }[];
  /** The API syncs the run began with (a failure makes it degraded); absent when it synced none. */
  syncs?: RunSync[] | undefined;
  /** What the HubSpot write-back did, when it is on. */
  hubspotWriteBack?: WriteBackReport | undefined;
  /**
   * Set when the date is before the latest run's (given here): the run rewrote that day's
   * history only, and left the tasks, owners and HubSpot as they are.
   */
  historyOnlyBefore?: CalendarDate | undefined;
}

/** Every bucket at zero, in precedence order, then data gap and none. */
export function emptySegmentCounts(rules: Rules): Record<Bucket, number> {
  const buckets: Bucket[] = [...rules.precedence, "data_gap", "none"];

  return Object.fromEntries(buckets.map((bucket) => [bucket, 0])) as Record<Bucket, number>;
}

export function emptyTaskTally(): TaskTally {
  return {
    created: 0,
    alerts: 0,
    escalated: 0,
    checkIns: 0,
    refreshed: 0,
    superseded: 0,
    cleared: 0,
    closed: 0,
    open: 0,
  };
}

/** Adds what one customer's changes did to the tally. */
export function tallyChanges(tally: TaskTally, changes: readonly TaskChange[]): void {
  for (const change of changes) {
    switch (change.type) {
      case "create":
        tally.created += 1;
        if (change.task.kind === "check_in") tally.checkIns += 1;
        if (change.task.kind === "alert") tally.alerts += 1;
        if (change.task.escalation !== undefined) tally.escalated += 1;
        break;
      case "refresh":
        tally.refreshed += 1;
        break;
      case "supersede":
        tally.superseded += 1;
        break;
      case "clear":
        tally.cleared += 1;
        break;
      case "close":
        tally.closed += 1;
        break;
      default:
        break;
    }
  }
}

export function addTallies(into: TaskTally, more: TaskTally): void {
  for (const key of Object.keys(into) as (keyof TaskTally)[]) into[key] += more[key];
}

export function toRunSource(status: SourceStatus): RunSource {
  return {
    source: status.source,
    state: status.state,
    newestDataDate: status.newestDataDate,
    ageDays: status.ageDays,
    maxAgeDays: status.maxAgeDays,
    message: status.message,
  };
}
