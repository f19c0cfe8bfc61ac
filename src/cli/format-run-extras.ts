import { countOf } from "../wording/count-of.js";
import type { RunSummary } from "../services/run-summary.js";
import type { WriteBackReport } from "../services/write-back-report.js";

/** Failures listed one per line; beyond these, `csops writeback --json` lists every one. */
const SHOWN_FAILURES = 10;

/**
 * The lines `csops run` prints after its summary: the API syncs it began with and the HubSpot
 * write-back it ended with, each only when it happened.
 */
export function formatRunExtras(summary: RunSummary): string {
  const lines: string[] = [];
  // Sources that arrive by files (no token set) are not mentioned.
  if (summary.syncs !== undefined && summary.syncs.length > 0) {
    lines.push(`  Synced:   ${summary.syncs.map((sync) => describeSync(sync)).join(" · ")}`);
    for (const failed of summary.syncs.filter((sync) => sync.status === "failed")) {
      lines.push(
        `DEGRADED: the ${failed.source} sync failed, so its previous data was used: ` +
          failed.reason,
      );
    }
  }
  if (summary.hubspotWriteBack !== undefined) {
    lines.push(...formatWriteBack(summary.hubspotWriteBack, "  HubSpot:  "));
  }

  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** What a write-back wrote, then each failure (the first few) on a line of its own. */
export function formatWriteBack(report: WriteBackReport, prefix = ""): string[] {
  const repaired =
    report.associationsRepaired > 0 ? `, ${report.associationsRepaired} associations repaired` : "";
  const lines = [
    `${prefix}${countOf(report.tasksCreated, "task")} created, ${report.tasksCompleted} ` +
      `completed, ${countOf(report.notes, "note")}, ` +
      `${countOf(report.segments, "segment")} written${repaired}` +
      (report.failed.length > 0 ? `; ${report.failed.length} failed (tried again next time)` : ""),
  ];
  for (const failure of report.failed.slice(0, SHOWN_FAILURES)) {
    lines.push(`FAILED HubSpot ${failure.item}: ${failure.reason}`);
  }
  if (report.failed.length > SHOWN_FAILURES) {
    lines.push(`… and ${report.failed.length - SHOWN_FAILURES} more (see --json)`);
  }

  return lines;
}

function describeSync(sync: NonNullable<RunSummary["syncs"]>[number]): string {
  if (sync.status === "failed") return `${sync.source} FAILED`;
  if (sync.status === "up_to_date") return `${sync.source} up to date`;
  const rejected = sync.rowsRejected > 0 ? `, ${sync.rowsRejected} rows rejected` : "";

  return `${sync.source} (${sync.recordsChanged} records changed${rejected})`;
}
