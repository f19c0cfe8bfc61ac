import { BUCKET_LABELS } from "../domain/decide-segment.js";
import type { Bucket, Rules } from "../domain/rules.js";
import type { RunSummary } from "../services/run-summary.js";
import { countOf } from "../wording/count-of.js";
import { formatLongDay } from "../wording/format-days.js";

const HISTORY_CHANGE = ["customer's decision or facts", "customers' decisions or facts"] as const;

/** What `csops run` prints: segments, tasks, sources, and any trouble, in a few lines. */
export function formatRunSummary(summary: RunSummary, rules: Rules): string {
  const { tasks } = summary;
  const seconds = summary.finishedAt - summary.startedAt;
  const took = seconds >= 1 ? `, ${seconds} s` : "";
  const lines = [
    `Daily run for ${formatLongDay(summary.date)} (run ${summary.runId}${took}): ` +
      `${summary.customers} customers evaluated` +
      (summary.canceled > 0 ? `, ${summary.canceled} canceled skipped` : ""),
    `  Segments: ${formatSegments(summary, rules)}`,
    summary.historyOnlyBefore === undefined
      ? `  Tasks:    ${tasks.created} created (${countOf(tasks.alerts, "alert")}, of which ` +
        `${countOf(tasks.escalated, "escalation")}; ${countOf(tasks.checkIns, "check-in")}) · ` +
        `${tasks.refreshed} refreshed · ${tasks.superseded} superseded · ` +
        `${tasks.cleared} cleared · ${tasks.closed} closed · ${tasks.open} open`
      : `  Tasks:    untouched (${tasks.open} open): ${summary.historyOnlyBefore} has been run, ` +
        "so this earlier day only rewrote its history",
    `  Sources:  ${summary.sources.map((s) => `${s.state === "fresh" ? "ok" : s.state.toUpperCase()} ${s.message}`).join(" · ")}`,
    `  History:  ${countOf(summary.historyChanges, ...HISTORY_CHANGE)} changed`,
  ];
  if (summary.shownResolved > 0) {
    lines.push(
      `  ${summary.shownResolved} resolved by the team show as Healthy & Stable during their cool-down`,
    );
  }
  if (summary.departed > 0) {
    lines.push(`  ${summary.departed} customers no longer in HubSpot: their open tasks closed`);
  }
  // A failed sync also degrades a run; format-run-extras.ts says so.
  if (summary.sources.some((source) => source.state !== "fresh")) {
    lines.push("DEGRADED: a source was stale or missing, so its facts were unknown (see Sources)");
  }
  for (const failure of summary.failures) {
    lines.push(`FAILED customer ${failure.customerId}: ${failure.message}`);
  }

  return `${lines.join("\n")}\n`;
}

function formatSegments(summary: RunSummary, rules: Rules): string {
  return (Object.entries(summary.segments) as [Bucket, number][])
    .map(([bucket, count]) => `${count} ${labelOf(bucket, rules)}`)
    .join(" · ");
}

export function labelOf(bucket: Bucket, rules: Rules): string {
  return bucket === "data_gap" || bucket === "none"
    ? BUCKET_LABELS[bucket]
    : rules.segments[bucket].label;
}
