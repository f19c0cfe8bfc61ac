import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { CalendarDate } from "../src/domain/dates.js";
import type { DemoSummary } from "../src/demo/write-demo-exports.js";
import { writeDemoExports } from "./csops-runtime.js";

export interface BenchExports {
  summary: DemoSummary;
  /** Seconds the demo took to write the files; 0 when they were already there. */
  seconds: number;
}

/** The visit log: 30 days, about ten logins per customer a month. */
const VISIT_DAYS = 30;
const SUMMARY_FILE = "demo-summary.json";

/**
 * The demo exports for `customers` agencies in `dataDir`, written once per size, seed and date:
 * the same options write the same bytes, so a later run reuses them.
 */
export async function generateBenchExports(options: {
  dataDir: string;
  customers: number;
  asOf: CalendarDate;
  seed: number;
  timeZone: string;
}): Promise<BenchExports> {
  const { customers, asOf, seed } = options;
  const outDir = join(options.dataDir, `exports-${customers}-${asOf}-seed-${seed}`);
  const summaryFile = join(outDir, SUMMARY_FILE);
  if (existsSync(summaryFile)) {
    return { summary: JSON.parse(readFileSync(summaryFile, "utf8")) as DemoSummary, seconds: 0 };
  }

  const started = performance.now();
  const summary = await writeDemoExports({
    outDir,
    customers,
    asOf,
    seed,
    visitDays: VISIT_DAYS,
    timeZone: options.timeZone,
  });
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(summaryFile, JSON.stringify(summary));

  return { summary, seconds };
}
