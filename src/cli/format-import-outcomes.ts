import { relative } from "node:path";

import type { ImportOutcome } from "../services/import-exports.js";
import { countOf } from "../wording/count-of.js";

/** Rejected rows shown per file; `csops imports ID` lists every one. */
const SHOWN_PROBLEMS = 10;

const MARKS: Record<ImportOutcome["status"], string> = {
  imported: "imported ",
  unchanged: "unchanged",
  refused: "REFUSED  ",
  failed: "FAILED   ",
};

/** One line per file, its rejected rows under it, and a total. */
export function formatImportOutcomes(outcomes: readonly ImportOutcome[]): string {
  const lines = outcomes.flatMap(formatOutcome);
  const imported = outcomes.filter((o) => o.status === "imported").length;
  const rows = outcomes.reduce((sum, o) => sum + o.rowsImported, 0);
  const rejected = outcomes.reduce((sum, o) => sum + o.rowsRejected, 0);
  const refused = outcomes.filter((o) => o.status === "refused" || o.status === "failed").length;
  lines.push(
    `${outcomes.length} files: ${imported} imported (${rows} rows, ${rejected} rejected), ` +
      `${outcomes.length - imported - refused} unchanged, ${refused} refused or failed`,
  );

  return `${lines.join("\n")}\n`;
}

function formatOutcome(outcome: ImportOutcome): string[] {
  const file = displayPath(outcome.file);
  const head = `${MARKS[outcome.status]} ${file}`;
  // Refusals name the file themselves; the line already does.
  const message = (outcome.message ?? "").replace(`${outcome.file}: `, "");
  if (outcome.status !== "imported") return [`${head}: ${message}`];

  const lines = [
    `${head} as ${outcome.kind} (${outcome.preset}): ${countOf(outcome.rowsRead, "row")} read, ` +
      `${outcome.rowsImported} imported, ${outcome.rowsRejected} rejected [import ${outcome.importId}]`,
  ];
  for (const problem of outcome.problems.slice(0, SHOWN_PROBLEMS)) {
    const column = problem.column === undefined ? "" : ` ${problem.column}`;
    const value = problem.value === undefined ? "" : ` "${problem.value}"`;
    lines.push(`    ${file}:${problem.line}${column}${value}: ${problem.message}`);
  }
  if (outcome.problems.length > SHOWN_PROBLEMS) {
    lines.push(`    … and more: csops imports ${outcome.importId} lists every rejected row`);
  }

  return lines;
}

function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);

  return shown.startsWith("..") ? file : shown;
}
