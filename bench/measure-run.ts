import { writeFileSync } from "node:fs";

import type { CalendarDate } from "../src/domain/dates.js";
import { collectGarbage } from "./collect-garbage.js";
import { measureWeb, type WebMeasurement } from "./measure-web.js";
import { peakRssMegabytes } from "./peak-rss-megabytes.js";
import {
  addDays,
  buildCustomerFacts,
  configSchema,
  createSilentLogger,
  decideSegment,
  loadRulesOrFail,
  openStore,
  runDay,
} from "./csops-runtime.js";

export interface RunMeasurement {
  customers: number;
  factsSeconds: number;
  /** The first evaluation of every customer in the process: what a daily run pays. */
  evaluationSeconds: number;
  /** The faster of two more evaluations of every customer, the code compiled by then. */
  warmEvaluationSeconds: number;
  /** Peak RSS once facts were built and evaluated: the facts and evaluation stage's own. */
  factsPeakRssMb: number;
  /** The whole daily run of the first day (facts and evaluation again, then tasks). */
  run?: DayRun | undefined;
  /** The next day on the same data: what the history keeps when little changed. */
  nextDay?: DayRun | undefined;
  web?: WebMeasurement | undefined;
  peakRssMb: number;
}

export interface DayRun {
  seconds: number;
  tasksCreated: number;
  /** History entries written: customers whose decision or facts changed since the day before. */
  historyChanges: number;
}

/**
 * Measures csops on the imported data at `url`: facts, then evaluation of every customer
 * (written to `segmentsFile` as `customer_id<TAB>segment` lines), then, unless `factsOnly`,
 * the whole daily run for `date`, the run of the day after and the web app's pages.
 */
export async function measureRun(options: {
  url: string;
  date: CalendarDate;
  segmentsFile: string;
  factsOnly: boolean;
}): Promise<RunMeasurement> {
  const { date } = options;
  const store = await openStore({ url: options.url, cwd: process.cwd() });
  const config = configSchema.parse({});
  const rules = loadRulesOrFail();

  try {
    collectGarbage();
    let started = performance.now();
    const { build } = await buildCustomerFacts(store, config, rules, date);
    const factsSeconds = (performance.now() - started) / 1000;

    collectGarbage();
    started = performance.now();
    const decisions = build.customers.map((row) => decideSegment(row.facts, date, rules));
    const evaluationSeconds = (performance.now() - started) / 1000;
    const factsPeakRssMb = peakRssMegabytes();
    const lines = decisions.map((decision) => `${decision.customerId}\t${decision.segment}\n`);
    writeFileSync(options.segmentsFile, lines.join(""));

    const warmEvaluationSeconds = Math.min(
      timeEvaluation(build.customers, date, rules),
      timeEvaluation(build.customers, date, rules),
    );

    const measurement: RunMeasurement = {
      customers: decisions.length,
      factsSeconds,
      evaluationSeconds,
      warmEvaluationSeconds,
      factsPeakRssMb,
      peakRssMb: factsPeakRssMb,
    };
    if (options.factsOnly) return measurement;

    const context = { store, config, rules, logger: createSilentLogger() };
    measurement.run = await measureDay(date, context);
    measurement.nextDay = await measureDay(addDays(date, 1), context);
    measurement.web = await measureWeb({ ...context, date });
    measurement.peakRssMb = peakRssMegabytes();

    return measurement;
  } finally {
    await store.close();
  }
}

/** Seconds to decide every customer once more, the decisions dropped. */
function timeEvaluation(
  customers: readonly { facts: Parameters<typeof decideSegment>[0] }[],
  date: CalendarDate,
  rules: Parameters<typeof decideSegment>[2],
): number {
  collectGarbage();
  const started = performance.now();
  let decided = 0;
  for (const row of customers) if (decideSegment(row.facts, date, rules).segment) decided += 1;
  const seconds = (performance.now() - started) / 1000;
  if (decided !== customers.length) throw new Error("a customer was left without a decision");

  return seconds;
}

async function measureDay(
  date: CalendarDate,
  context: Omit<Parameters<typeof runDay>[1], "now">,
): Promise<DayRun> {
  collectGarbage();
  const started = performance.now();
  const summary = await runDay(date, { ...context, now: () => Math.floor(Date.now() / 1000) });
  const seconds = (performance.now() - started) / 1000;

  return {
    seconds,
    tasksCreated: summary.tasks.created,
    historyChanges: summary.historyChanges,
  };
}
