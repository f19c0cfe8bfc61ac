import type { Config } from "../config/config-schema.js";
import { addDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import type { JoinReport } from "../domain/join-report.js";
import type { Bucket, Rules } from "../domain/rules.js";
import { weekAround, type OutcomeResult } from "../domain/tasks/index.js";
import type { OutcomeTally } from "../storage/outcome-tallies.js";
import type { RunRecord } from "../storage/run-log.js";
import type { Store } from "../storage/store.js";
import type { SourceGaps } from "./count-data-gaps.js";
import type { Movements } from "./count-movements.js";
import type { RunFigures } from "./create-run-figures-cache.js";
import { planQueueCapacity, type Queue } from "./load-queue.js";
import type { RunSummary } from "./run-summary.js";

/** A completed run with the summary it recorded. */
export interface SummarizedRun extends RunRecord {
  summary: RunSummary;
}

/** Everything the dashboard shows, as of one date. */
export interface Dashboard {
  date: CalendarDate;
  /** The latest completed run on or before `date`; undefined before the first run. */
  latestRun?: SummarizedRun | undefined;
  /** Customers per segment and bucket in each completed run's date, oldest first. */
  overTime: { date: CalendarDate; segments: Record<Bucket, number> }[];
  movements: Movements;
  gaps: SourceGaps[];
  /** What the join could not place; undefined when every fact comes from HubSpot alone. */
  join?: JoinReport | undefined;
  outcomes: OutcomesThisWeek;
  capacity: Queue["capacity"];
  /** The most recent runs whatever became of them, newest first. */
  runs: RunRecord[];
}

export interface OutcomesThisWeek {
  week: { from: CalendarDate; to: CalendarDate };
  total: number;
  byResult: Record<OutcomeResult, number>;
  tallies: OutcomeTally[];
}

export interface LoadDashboardOptions {
  store: Store;
  config: Config;
  rules: Rules;
  /** The join report for a date (cached: it costs a full join). */
  loadJoinReport: (date: CalendarDate) => Promise<JoinReport>;
  /** Movements and data gaps (cached: they read every customer's decision on two dates). */
  loadRunFigures: (
    latest: CalendarDate | undefined,
    baseline: CalendarDate | undefined,
  ) => Promise<RunFigures>;
}

/** Days of history the chart covers. */
const CHART_DAYS = 90;
/** Runs listed on the dashboard. */
const SHOWN_RUNS = 10;

/**
 * The dashboard on `date`: segments today (the latest run's counts) and over the last 90 days
 * (each completed run's counts, the latest run of a date winning), movements between segments
 * since the run a week earlier, unknown facts by source, the join's unmatched records,
 * outcomes this week (Monday to Sunday), capacity, and the last runs.
 */
export async function loadDashboard(
  date: CalendarDate,
  options: LoadDashboardOptions,
): Promise<Dashboard> {
  const { store } = options;
  const completed = latestPerDate(
    await store.listRuns({ limit: CHART_DAYS * 2, onOrBefore: date, status: "completed" }),
  );
  const latestRun = completed[0];
  const figures = await options.loadRunFigures(latestRun?.date, findBaseline(completed, date));

  return {
    date,
    latestRun,
    overTime: completed
      .filter((run) => run.date > addDays(date, -CHART_DAYS))
      .map((run) => ({ date: run.date, segments: run.summary.segments }))
      .reverse(),
    movements: figures.movements,
    gaps: figures.gaps,
    join:
      options.config.sources.preset === "hubspot_only"
        ? undefined
        : await options.loadJoinReport(latestRun?.date ?? date),
    outcomes: await tallyWeek(store, date),
    capacity: await planQueueCapacity(date, { ...options, owner: undefined }),
    runs: await store.listRuns({ limit: SHOWN_RUNS }),
  };
}

/** Completed runs with a summary, one per date (the latest), newest date first. */
function latestPerDate(runs: readonly RunRecord[]): SummarizedRun[] {
  const seen = new Set<CalendarDate>();
  const kept: SummarizedRun[] = [];
  for (const run of runs) {
    if (seen.has(run.date) || !hasSummary(run)) continue;
    seen.add(run.date);
    kept.push(run);
  }

  return kept;
}

function hasSummary(run: RunRecord): run is SummarizedRun {
  const summary = run.summary as Partial<RunSummary> | undefined;

  return typeof summary?.segments === "object" && summary.segments !== null;
}

/**
 * The run to compare today's with: the latest a week or more before `date`, else the earliest
 * run there is (the history is younger than a week), else none.
 */
function findBaseline(
  runs: readonly SummarizedRun[],
  date: CalendarDate,
): CalendarDate | undefined {
  const weekAgo = addDays(date, -7);
  const baseline = runs.find((run) => run.date <= weekAgo) ?? runs.at(-1);
  if (baseline === undefined || baseline === runs[0]) return undefined;

  return baseline.date;
}

async function tallyWeek(store: Store, date: CalendarDate): Promise<OutcomesThisWeek> {
  const week = weekAround(date);
  const tallies = await store.tallyOutcomes(week);
  const byResult: Record<OutcomeResult, number> = { resolved: 0, follow_up: 0, will_cancel: 0 };
  for (const tally of tallies) byResult[tally.result] += tally.count;

  return {
    week,
    total: tallies.reduce((sum, tally) => sum + tally.count, 0),
    byResult,
    tallies,
  };
}
