import { dateInZone } from "./date-in-zone.js";
import { daysBetween, type CalendarDate } from "./dates.js";
import type { FactsSettings, SourcePreset } from "./facts-settings.js";
import type { SourceName } from "./records.js";

/** How old one source's data is, and whether its facts may be used. */
export interface SourceStatus {
  source: SourceName;
  /** Unix seconds of the newest data imported; undefined when none ever was. */
  newestDataAt: number | undefined;
  /** That instant's calendar date in the team's time zone. */
  newestDataDate: CalendarDate | undefined;
  /** Whole days from `newestDataDate` to the evaluation date (negative when the data is newer). */
  ageDays: number | undefined;
  maxAgeDays: number;
  /** Only `fresh` data supplies facts; `stale` and `missing` make the source's facts unknown. */
  state: "fresh" | "stale" | "missing";
  /** A sentence for the user, e.g. `Matomo data is 12 days old (allowed 8): …`. */
  message: string;
}

const SOURCE_LABELS: Record<SourceName, string> = {
  hubspot: "HubSpot",
  stripe: "Stripe",
  matomo: "Matomo",
};

/** The sources a preset reads, in the order they are reported. */
export function sourcesOfPreset(preset: SourcePreset): SourceName[] {
  return preset === "hubspot_only" ? ["hubspot"] : ["hubspot", "stripe", "matomo"];
}

/**
 * Whether a source's data is recent enough to use on `asOf`. Its age is counted in calendar
 * days in the team's zone, so a weekly Matomo export imported on Monday ages the same way for a
 * team in London as for one in Los Angeles. Data exactly `maxAgeDays` old is still fresh.
 */
export function describeSourceStatus(
  source: SourceName,
  newestDataAt: number | undefined,
  asOf: CalendarDate,
  settings: Pick<FactsSettings, "timeZone" | "maxAgeDays" | "preset">,
): SourceStatus {
  const maxAgeDays = settings.maxAgeDays[source];
  const label = SOURCE_LABELS[source];
  const consequence = `${describeFactsOf(source, settings.preset)} unknown`;

  if (newestDataAt === undefined) {
    return {
      source,
      newestDataAt,
      newestDataDate: undefined,
      ageDays: undefined,
      maxAgeDays,
      state: "missing",
      message: `No ${label} data has been imported: ${consequence}`,
    };
  }

  const newestDataDate = dateInZone(newestDataAt, settings.timeZone);
  const ageDays = daysBetween(newestDataDate, asOf);
  const state = ageDays > maxAgeDays ? "stale" : "fresh";
  const age = describeAge(label, ageDays, newestDataDate, maxAgeDays);

  return {
    source,
    newestDataAt,
    newestDataDate,
    ageDays,
    maxAgeDays,
    state,
    message: state === "stale" ? `${age}: ${consequence}` : age,
  };
}

function describeAge(
  label: string,
  ageDays: number,
  newestDataDate: CalendarDate,
  maxAgeDays: number,
): string {
  // Re-running a past date with data imported since: newer than the date, so not stale.
  if (ageDays < 0) return `${label} data is from ${newestDataDate}, after the evaluation date`;

  return `${label} data is ${ageDays === 1 ? "1 day" : `${ageDays} days`} old (allowed ${maxAgeDays})`;
}

function describeFactsOf(source: SourceName, preset: SourcePreset): string {
  if (preset === "hubspot_only") return "every fact is";

  switch (source) {
    case "hubspot":
      return "renewal, plan, account start and ticket facts are";
    case "stripe":
      return "payment facts are";
    case "matomo":
      return "login, usage and feature facts are";
  }
}
