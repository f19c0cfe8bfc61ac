import { resolve } from "node:path";

import { defineCommand } from "citty";
import { Temporal } from "temporal-polyfill";

import { loadConfigOrFail } from "../config/load-config.js";
import { DEFAULT_VISIT_DAYS, MAX_VISIT_DAYS, WINDOW_DAYS } from "../demo/login-calendar.js";
import { writeDemoExports, type DemoSummary } from "../demo/write-demo-exports.js";
import { CsopsError } from "../errors.js";
import { CONTEXT_ARGS } from "./command-context.js";

export default defineCommand({
  meta: {
    name: "demo",
    description:
      "Write the exports of an invented real-estate SaaS (HubSpot, Stripe, Matomo) to import",
  },
  args: {
    out: {
      type: "string",
      description: "folder to write the six export files into",
      required: true,
    },
    customers: {
      type: "string",
      description: "how many agencies",
      default: "850",
    },
    "as-of": {
      type: "string",
      description: "the morning the exports are made, YYYY-MM-DD (default: today, team time zone)",
    },
    seed: {
      type: "string",
      description: "the same seed writes the same bytes",
      default: "1",
    },
    "visit-days": {
      type: "string",
      description:
        "days of Matomo visits, ending the day before the as-of date " +
        `(${WINDOW_DAYS} to ${MAX_VISIT_DAYS})`,
      default: String(DEFAULT_VISIT_DAYS),
    },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const { config } = loadConfigOrFail({
      file: args.config,
      cwd: process.cwd(),
      env: process.env,
    });
    const timeZone = config.time_zone;
    const started = performance.now();

    const summary = await writeDemoExports({
      outDir: resolve(args.out),
      customers: parseWholeNumberOrFail(args.customers, "--customers"),
      asOf: args["as-of"] ?? Temporal.Now.plainDateISO(timeZone).toString(),
      seed: parseWholeNumberOrFail(args.seed, "--seed"),
      visitDays: parseWholeNumberOrFail(args["visit-days"], "--visit-days"),
      timeZone,
      siteTimeZone: config.matomo.site_time_zone,
    });

    process.stdout.write(formatSummary(summary, performance.now() - started));
  },
});

function parseWholeNumberOrFail(text: string, option: string): number {
  if (!/^\d+$/.test(text.trim())) {
    throw new CsopsError("usage", `${option} "${text}" is not a whole number`);
  }

  return Number(text);
}

function formatSummary(summary: DemoSummary, milliseconds: number): string {
  const seconds = (milliseconds / 1000).toFixed(1);
  const lines = [
    `Wrote ${summary.files.length} files to ${summary.outDir} in ${seconds} s ` +
      `(${summary.customers} customers, as of ${summary.asOf}, seed ${summary.seed}):`,
    ...summary.files.map(
      (file) =>
        `  ${file.name.padEnd(26)}${String(file.rows).padStart(11)} rows` +
        `${formatBytes(file.bytes).padStart(11)}  ${file.encoding}`,
    ),
    `Visits: ${summary.visits.total} over the ${summary.visitDays} days before ${summary.asOf}, ` +
      `of which ${summary.visits.anonymous} anonymous.`,
    "Intended segments under the default rules:",
    `  ${formatIntended(summary)}`,
    `Planted ${summary.planted.length} malformed values; import should report each:`,
    ...summary.planted.map(
      (problem) =>
        `  ${problem.file}:${problem.line} ${problem.column} "${problem.value}": ${problem.reason}`,
    ),
  ];

  return `${lines.join("\n")}\n`;
}

function formatIntended(summary: DemoSummary): string {
  const totals = new Map<string, number>();
  for (const { intended, customers } of summary.profiles) {
    totals.set(intended, (totals.get(intended) ?? 0) + customers);
  }

  return [...totals].map(([intended, customers]) => `${intended} ${customers}`).join(", ");
}

function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(0)} kB`;

  return bytes < 1_000_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}
