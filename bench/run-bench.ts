import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { defineCommand, runMain } from "citty";

import type { DialectName } from "../src/storage/dialect-differences.js";
import type { BenchFile } from "./bench-child.js";
import { compareSegments } from "./compare-segments.js";
import { createBenchDatabase } from "./create-bench-database.js";
import { describeBenchMachine } from "./describe-bench-machine.js";
import { formatBenchReport, type CsopsResult, type SizeResult } from "./format-bench-report.js";
import { generateBenchExports } from "./generate-bench-exports.js";
import type { DuckdbMeasurement } from "./measure-duckdb.js";
import type { ImportMeasurement } from "./measure-import.js";
import type { RunMeasurement } from "./measure-run.js";
import { runInChild } from "./run-in-child.js";
import { configSchema } from "./csops-runtime.js";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const DATA_DIR = join(BENCH_DIR, ".data");
/** The heap given to the facts and evaluation of the largest sizes. */
const FACTS_ONLY_HEAP_MB = 16_384;

const command = defineCommand({
  meta: {
    name: "bench",
    description: "csops on SQLite and PostgreSQL beside DuckDB, from 850 customers upwards",
  },
  args: {
    customers: {
      type: "string",
      description: "customer counts to measure, comma-separated",
      default: "850,100000",
    },
    databases: {
      type: "string",
      description: "csops stores to measure: sqlite, postgres",
      default: "sqlite,postgres",
    },
    "facts-only-from": {
      type: "string",
      description: "from this size on, measure import, facts and evaluation on SQLite only",
      default: "1000000",
    },
    "as-of": {
      type: "string",
      description: "the run date and export morning",
      default: "2026-12-01",
    },
    seed: { type: "string", description: "the demo's seed", default: "1" },
    out: {
      type: "string",
      description: "where to write the Markdown report (and its measurements, as .json)",
      default: join(BENCH_DIR, "results", "latest.md"),
    },
  },
  async run({ args }) {
    const sizes = args.customers.split(",").map((size) => Number(size.trim()));
    const databases = args.databases.split(",").map((name) => name.trim()) as DialectName[];
    const factsOnlyFrom = Number(args["facts-only-from"]);
    const results: SizeResult[] = [];

    for (const customers of sizes) {
      const factsOnly = customers >= factsOnlyFrom;
      results.push(
        await measureSize(customers, {
          databases: factsOnly ? ["sqlite"] : databases,
          factsOnly,
          asOf: args["as-of"],
          seed: Number(args.seed),
        }),
      );
    }

    const report = formatBenchReport({
      command: `npm run bench -- --customers ${sizes.join(",")}`,
      machine: describeBenchMachine(),
      results,
    });
    mkdirSync(dirname(resolve(args.out)), { recursive: true });
    writeFileSync(resolve(args.out), report);
    // The measurements themselves, for comparing runs beyond what the table shows.
    writeFileSync(resolve(args.out).replace(/\.md$/, ".json"), JSON.stringify(results, null, 1));
    process.stdout.write(report);
  },
});

/** The exports of one size, then DuckDB on them, then csops on each store. */
async function measureSize(
  customers: number,
  options: { databases: DialectName[]; factsOnly: boolean; asOf: string; seed: number },
): Promise<SizeResult> {
  const log = (message: string) => process.stderr.write(`[${customers}] ${message}\n`);
  log("writing the demo exports (once per size)");
  const generated = await generateBenchExports({
    dataDir: DATA_DIR,
    customers,
    asOf: options.asOf,
    seed: options.seed,
    timeZone: configSchema.parse({}).time_zone,
  });
  const files: BenchFile[] = generated.summary.files.map(({ name, path, kind, bytes, rows }) => {
    return { name, path, kind, bytes, rows };
  });

  const duckdbSegments = join(DATA_DIR, `segments-${customers}-duckdb.tsv`);
  const duckdb = await runInChild<DuckdbMeasurement>({
    task: "duckdb",
    files,
    date: options.asOf,
    segmentsFile: duckdbSegments,
  });
  log(`DuckDB: load ${duckdb.loadSeconds.toFixed(1)} s, facts ${duckdb.factsSeconds.toFixed(1)} s`);

  const csops: CsopsResult[] = [];
  for (const dialect of options.databases) {
    const segmentsFile = join(DATA_DIR, `segments-${customers}-${dialect}.tsv`);
    const result = await measureCsops(dialect, files, { ...options, segmentsFile, log });
    csops.push({ ...result, agreement: compareSegments(segmentsFile, duckdbSegments) });
  }

  return {
    customers,
    factsOnly: options.factsOnly,
    files,
    generateSeconds: generated.seconds,
    duckdb,
    csops,
  };
}

/** csops on one store, created empty for it and dropped afterwards. */
async function measureCsops(
  dialect: DialectName,
  files: BenchFile[],
  options: { factsOnly: boolean; asOf: string; segmentsFile: string; log: (line: string) => void },
): Promise<Omit<CsopsResult, "agreement">> {
  const { factsOnly, log } = options;
  const database = await createBenchDatabase(dialect, DATA_DIR);
  try {
    const imported = await runInChild<ImportMeasurement>({
      task: "import",
      url: database.url,
      files,
    });
    log(`csops on ${dialect}: import ${imported.seconds.toFixed(1)} s`);
    const run = await runInChild<RunMeasurement>(
      {
        task: "run",
        url: database.url,
        date: options.asOf,
        segmentsFile: options.segmentsFile,
        factsOnly,
      },
      // Node's default heap (about 4 GB here) cannot hold a million customers' facts.
      { maxOldSpaceMb: factsOnly ? FACTS_ONLY_HEAP_MB : undefined },
    );
    log(
      `csops on ${dialect}: facts ${run.factsSeconds.toFixed(1)} s, evaluation ` +
        `${run.evaluationSeconds.toFixed(2)} s, run ${run.run?.seconds.toFixed(1) ?? "—"} s`,
    );

    return { dialect, import: imported, run };
  } finally {
    await database.drop();
  }
}

await runMain(command);
