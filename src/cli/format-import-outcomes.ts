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

/**
 * One line per file, its rejected rows under it, and a total. `sourcesPreset` is the
 * configuration's: a HubSpot-only export imported under three sources gets a hint, since its
 * payment and usage columns are then not what the facts read.
 */
export function formatImportOutcomes(
  outcomes: readonly ImportOutcome[],
  sourcesPreset?: string,
): string {
  const lines = outcomes.flatMap(formatOutcome);
  if (sourcesPreset !== "hubspot_only" && outcomes.some((o) => o.preset === "hubspot_only")) {
    lines.push(
      "Note: a HubSpot-only export carries payment and usage columns; the facts read them " +
        "only with `sources.preset: hubspot_only` in csops.config.yaml " +
        "(now Stripe and Matomo supply them).",
    );
  }
  const imported = outcomes.filter((o) => o.status === "imported").length;
  const rows = outcomes.reduce((sum, o) => sum + o.rowsImported, 0);
  const rejected = outcomes.reduce((sum, o) => sum + o.rowsRejected, 0);
  const refused = outcomes.filter((o) => o.status === "refused" || o.status === "failed").length;
  lines.push(
    `${countOf(outcomes.length, "file")}: ${imported} imported (${countOf(rows, "row")}, ` +
      `${rejected} rejected), ` +
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
