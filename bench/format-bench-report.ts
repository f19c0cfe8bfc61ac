import type { DialectName } from "../src/storage/dialect-differences.js";
import type { BenchFile } from "./bench-child.js";
import { checkBenchTargets } from "./check-bench-targets.js";
import type { SegmentComparison } from "./compare-segments.js";
import type { DuckdbMeasurement } from "./measure-duckdb.js";
import type { FileImport, ImportMeasurement } from "./measure-import.js";
import type { RunMeasurement } from "./measure-run.js";

/** Everything measured at one size. */
export interface SizeResult {
  customers: number;
  factsOnly: boolean;
  files: BenchFile[];
  generateSeconds: number;
  duckdb: DuckdbMeasurement;
  csops: CsopsResult[];
}

export interface CsopsResult {
  dialect: DialectName;
  import: ImportMeasurement;
  run: RunMeasurement;
  agreement: SegmentComparison;
}

/** A cell: its text, and the seconds a ratio against DuckDB is taken of (when it has one). */
interface Cell {
  text: string;
  seconds?: number | undefined;
}

const DIALECT_NAMES: Record<DialectName, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/** The benchmark's Markdown report: the targets, then one table of stages per size. */
export function formatBenchReport(report: {
  command: string;
  machine: string;
  results: readonly SizeResult[];
}): string {
  return [
    "## Results",
    "",
    `Measured with \`${report.command}\` on ${report.machine},`,
    `${new Date().toISOString()}.`,
    "",
    "### Targets",
    "",
    "| target | measured | met |",
    "| --- | --- | --- |",
    ...checkBenchTargets(report.results).map(
      (row) => `| ${row.target} | ${row.measured} | ${row.verdict} |`,
    ),
    "",
    ...report.results.flatMap(formatSize),
  ].join("\n");
}

function formatSize(result: SizeResult): string[] {
  const engines = result.csops.map((csops) => DIALECT_NAMES[csops.dialect]);
  const header = [
    "stage",
    ...engines.map((name) => `csops ${name}`),
    "DuckDB",
    ...engines.map((name) => `${name} / DuckDB`),
  ];
  const rows = stageRows(result).map(({ stage, csops, duckdb }) => [
    stage,
    ...csops.map((cell) => cell.text),
    duckdb.text,
    ...csops.map((cell) => formatRatio(cell.seconds, duckdb.seconds)),
  ]);
  const bytes = result.files.reduce((sum, file) => sum + file.bytes, 0);
  const rowsRead = result.files.reduce((sum, file) => sum + file.rows, 0);
  const mode = result.factsOnly
    ? " (import, facts and evaluation only, on SQLite, with a 16 GB Node heap)"
    : "";

  return [
    `### ${result.customers.toLocaleString("en")} customers${mode}`,
    "",
    `${result.files.length} export files, ${rowsRead.toLocaleString("en")} rows, ` +
      `${formatMegabytes(bytes)}.`,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
  ];
}

interface StageRow {
  stage: string;
  csops: Cell[];
  duckdb: Cell;
}

function stageRows(result: SizeResult): StageRow[] {
  const { csops, duckdb } = result;
  const row = (stage: string, cell: (c: CsopsResult) => Cell, peer: Cell): StageRow => ({
    stage,
    csops: csops.map(cell),
    duckdb: peer,
  });
  const none: Cell = { text: "—" };
  const customers = csops[0]?.run.customers ?? duckdb.customers;

  const rows: StageRow[] = result.files.map((file, index) =>
    row(
      `import ${file.name} (${file.rows.toLocaleString("en")} rows)`,
      (c) => fileCell(c.import.files[index]),
      fileCell(duckdb.files[index]),
    ),
  );
  rows.push(
    row("import, all files", (c) => secondsCell(c.import.seconds), secondsCell(duckdb.loadSeconds)),
    row("facts", (c) => secondsCell(c.run.factsSeconds), secondsCell(duckdb.factsSeconds)),
    row(
      "evaluation",
      (c) => rateCell(c.run.evaluationSeconds, customers, "customers"),
      rateCell(duckdb.evaluationSeconds, customers, "customers"),
    ),
    row(
      "evaluation, warm (faster of two more passes)",
      (c) => rateCell(c.run.warmEvaluationSeconds, customers, "customers"),
      none,
    ),
    row(
      "facts + evaluation",
      (c) => secondsCell(c.run.factsSeconds + c.run.evaluationSeconds),
      secondsCell(duckdb.factsSeconds + duckdb.evaluationSeconds),
    ),
  );
  if (!result.factsOnly) rows.push(...runRows(result, row, none));
  rows.push(
    row("peak RSS, import", (c) => ({ text: formatRss(c.import.peakRssMb) }), none),
    row("peak RSS, facts + evaluation", (c) => ({ text: formatRss(c.run.factsPeakRssMb) }), none),
    row("peak RSS, whole process", (c) => ({ text: formatRss(c.run.peakRssMb) }), {
      text: formatRss(duckdb.peakRssMb),
    }),
    row("segments equal to DuckDB's", (c) => ({ text: describeAgreement(c.agreement) }), none),
  );

  return rows;
}

function runRows(
  result: SizeResult,
  row: (stage: string, cell: (c: CsopsResult) => Cell, peer: Cell) => StageRow,
  none: Cell,
): StageRow[] {
  const { duckdb } = result;
  const runOf = (c: CsopsResult) => c.run.run?.seconds ?? 0;
  const peerRun = duckdb.factsSeconds + duckdb.evaluationSeconds;
  const reconciliation = (c: CsopsResult) =>
    runOf(c) - c.run.factsSeconds - c.run.evaluationSeconds;
  const pages = result.csops[0]?.run.web?.pages ?? [];

  return [
    row(
      "task reconciliation and history (run − facts − evaluation)",
      (c) => secondsCell(reconciliation(c)),
      none,
    ),
    row(
      "whole `csops run` (DuckDB: facts + evaluation)",
      (c) => secondsCell(runOf(c)),
      secondsCell(peerRun),
    ),
    row(
      "end to end: export files to finished run",
      (c) => secondsCell(c.import.seconds + runOf(c)),
      secondsCell(duckdb.loadSeconds + peerRun),
    ),
    row("next day's run, same exports", (c) => secondsCell(c.run.nextDay?.seconds ?? 0), none),
    row(
      "history entries written: first day / next day",
      (c) => ({
        text: `${c.run.run?.historyChanges ?? 0} / ${c.run.nextDay?.historyChanges ?? 0}`,
      }),
      none,
    ),
    ...pages.map((page, index) =>
      row(
        `web: GET ${page.path.replace(/\/T-\d+$/, "/:id")}, median of 20 (first)`,
        (c) => webCell(c.run.web?.pages[index]),
        none,
      ),
    ),
  ];
}

function fileCell(file: FileImport | undefined): Cell {
  if (file === undefined) return { text: "—" };
  const rows = Math.round(file.rows / file.seconds).toLocaleString("en");
  const megabytes = (file.bytes / 1e6 / file.seconds).toFixed(1);

  return {
    text: `${file.seconds.toFixed(2)} s · ${rows} rows/s · ${megabytes} MB/s`,
    seconds: file.seconds,
  };
}

function secondsCell(seconds: number): Cell {
  return { text: `${seconds.toFixed(2)} s`, seconds };
}

function rateCell(seconds: number, count: number, unit: string): Cell {
  const rate = Math.round(count / seconds).toLocaleString("en");

  return { text: `${seconds.toFixed(3)} s · ${rate} ${unit}/s`, seconds };
}

function webCell(page: { medianMs: number; firstMs: number } | undefined): Cell {
  if (page === undefined) return { text: "—" };

  return { text: `${page.medianMs.toFixed(0)} ms (${page.firstMs.toFixed(0)} ms)` };
}

function formatRatio(csops: number | undefined, duckdb: number | undefined): string {
  if (csops === undefined || duckdb === undefined || duckdb <= 0) return "—";

  return `${(csops / duckdb).toFixed(1)}×`;
}

function formatRss(megabytes: number): string {
  return `${Math.round(megabytes).toLocaleString("en")} MB`;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function describeAgreement(agreement: SegmentComparison): string {
  if (agreement.differences === 0) return `all ${agreement.customers.toLocaleString("en")}`;

  return `${agreement.differences} differ, e.g. ${agreement.examples.join("; ")}`;
}
