import type { SourceSyncResult } from "../services/sync-sources.js";

/** Rejected rows shown per source; `csops imports ID` lists every one. */
const SHOWN_PROBLEMS = 10;

const MARKS: Record<SourceSyncResult["status"], string> = {
  synced: "synced        ",
  up_to_date: "up to date    ",
  failed: "FAILED        ",
  not_configured: "not configured",
};

/** One line per source, its rejected rows under it, and a total. */
export function formatSyncResults(results: readonly SourceSyncResult[]): string {
  const lines = results.flatMap(formatResult);
  const count = (status: SourceSyncResult["status"]) =>
    results.filter((r) => r.status === status).length;
  const changed = results.reduce((sum, r) => sum + r.recordsChanged, 0);
  const rejected = results.reduce((sum, r) => sum + r.rowsRejected, 0);
  lines.push(
    `${results.length} sources: ${count("synced")} synced, ${count("up_to_date")} up to date, ` +
      `${count("failed")} failed, ${count("not_configured")} not configured ` +
      `(${changed} records changed, ${rejected} rows rejected)`,
  );

  return `${lines.join("\n")}\n`;
}

function formatResult(result: SourceSyncResult): string[] {
  const head = `${result.source.padEnd(8)} ${MARKS[result.status]}`;
  if (result.status !== "synced") return [`${head} ${result.reason ?? ""}`.trimEnd()];

  const listings = result.listings.map((listing) => {
    const name = listing.file.slice(listing.file.indexOf("/") + 1);
    const rejected = listing.rowsRejected > 0 ? `, ${listing.rowsRejected} rejected` : "";
    return `${listing.rowsRead} ${name}${rejected}`;
  });
  const version = /@(.+)$/.exec(result.listings[0]?.preset ?? "")?.[1];
  const lines = [
    `${head} ${listings.join(", ")}; ${result.recordsChanged} records changed` +
      `${version === undefined ? "" : ` (API ${version})`}`,
  ];
  for (const listing of result.listings) {
    for (const problem of listing.problems.slice(0, SHOWN_PROBLEMS)) {
      const column = problem.column === undefined ? "" : ` ${problem.column}`;
      const value = problem.value === undefined ? "" : ` "${problem.value}"`;
      lines.push(`    ${listing.file}:${problem.line}${column}${value}: ${problem.message}`);
    }
    if (listing.problems.length > SHOWN_PROBLEMS) {
      lines.push(`    … and more: csops imports ${listing.importId} lists every rejected row`);
    }
  }

  return lines;
}
