import type { CalendarDate } from "../../domain/dates.js";
import type { MatomoVisitRecord } from "../../domain/records.js";
import { normalizeHeader } from "../match-table.js";
import type { KindReader, ReadContext, RowInput } from "../preset-table.js";
import type { ZoneClock } from "../zone-clock.js";
import { FirstLineOfVisit } from "./first-line-of-visit.js";

export interface MatomoVisitFields {
  id_site: string;
  id_visit: string;
  user_id: string;
  first_action_timestamp: number;
  server_timestamp: number;
  last_action_timestamp: number;
  last_action_date_time: number;
}

/** The visit's true instant, in order of preference: all of them are real Unix seconds. */
const VISIT_TIMES = [
  "first_action_timestamp",
  "server_timestamp",
  "last_action_timestamp",
  "last_action_date_time",
] as const;

/** Visits of an export without `idSite` (showColumns can drop it) are taken to be site 1's. */
const DEFAULT_SITE = "1";

/** `actionDetails_3_eventCategory` (API) or `Action Details 3 Event Category` (labels). */
const ACTION_COLUMN =
  /^actiondetails_?(\d+)_?(type|eventcategory|eventaction|eventname|timestamp)$/;

type ActionColumns = Map<number, Partial<Record<string, number>>>;

export const matomoVisitReader: KindReader<MatomoVisitFields> = {
  kind: "matomo_visits",
  label: "Matomo visits log (Live.getLastVisitsDetails)",
  valueRequired: ["id_visit"],
  start: (context) => {
    const firstLineOf = new FirstLineOfVisit();
    let from: CalendarDate | undefined;
    let to: CalendarDate | undefined;
    let actionsOf: { headers: readonly string[]; columns: ActionColumns } | undefined;

    return {
      build(row) {
        const { values } = row;
        const site = values.id_site ?? DEFAULT_SITE;
        const visit = values.id_visit ?? "";
        const first = firstLineOf.get(site, visit);
        if (first !== undefined) {
          const column = row.headerOf("id_visit");
          const message = `repeats the visit of line ${first}; the first was kept`;
          return { problems: [{ column, value: values.id_visit, message }] };
        }
        if (actionsOf?.headers !== row.headers) {
          actionsOf = { headers: row.headers, columns: findActionColumns(row.headers) };
        }
        const visitedAt = visitTimeOf(row, actionsOf.columns, context.settings.site);
        if (visitedAt === undefined) {
          const message =
            "expected a visit time in firstActionTimestamp, serverTimestamp, " +
            "lastActionTimestamp or lastActionDateTime";
          return { problems: [{ message }] };
        }

        firstLineOf.set(site, visit, row.line);
        const visitDate = context.settings.team.dateOf(visitedAt);
        if (from === undefined || visitDate < from) from = visitDate;
        if (to === undefined || visitDate > to) to = visitDate;
        const record: MatomoVisitRecord = {
          visitId: `${site}:${visit}`,
          userId: values.user_id,
          visitedAt,
          visitDate,
          events: eventsOf(row, actionsOf.columns),
        };

        return { records: [{ kind: "matomo_visits", record }] };
      },
      finish: () => (from && to ? coverageOf(from, to, context) : {}),
    };
  },
};

function findActionColumns(headers: readonly string[]): ActionColumns {
  const columns: ActionColumns = new Map();
  headers.forEach((header, index) => {
    const match = ACTION_COLUMN.exec(normalizeHeader(header));
    if (!match) return;
    const position = Number(match[1]);
    const slot = columns.get(position) ?? {};
    slot[match[2] ?? ""] = index;
    columns.set(position, slot);
  });

  return new Map([...columns].sort(([a], [b]) => a - b));
}

/**
 * The visit-level timestamps are true Unix seconds. Only when a file has none of them is the
 * first action's timestamp used: Matomo writes it as the site's wall-clock time encoded as if
 * it were UTC, so it is read back as a wall-clock time in the site's zone.
 */
function visitTimeOf(
  row: RowInput<MatomoVisitFields>,
  actions: ActionColumns,
  site: ZoneClock,
): number | undefined {
  for (const field of VISIT_TIMES) {
    const value = row.values[field];
    if (value !== undefined) return value;
  }
  for (const slot of actions.values()) {
    const text = slot.timestamp === undefined ? "" : (row.cells[slot.timestamp] ?? "");
    if (!/^\d+$/.test(text)) continue;
    const shifted = new Date(Number(text) * 1000);

    return site.epochSecondsOf({
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
    });
  }

  return undefined;
}

function eventsOf(
  row: RowInput<MatomoVisitFields>,
  actions: ActionColumns,
): MatomoVisitRecord["events"] {
  const cell = (index: number | undefined): string =>
    index === undefined ? "" : (row.cells[index] ?? "");
  const events: MatomoVisitRecord["events"] = [];
  for (const slot of actions.values()) {
    if (cell(slot.type).toLowerCase() !== "event") continue;
    const category = cell(slot.eventcategory);
    const action = cell(slot.eventaction);
    if (category === "" || action === "") continue;
    const name = cell(slot.eventname);
    events.push({ category, action, name: name === "" ? undefined : name });
  }

  return events;
}

/** The days a log covers run from its first visit's day to its last's, in the team's zone. */
function coverageOf(from: CalendarDate, to: CalendarDate, context: ReadContext) {
  const dayAfter = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  return { coverage: { from, to }, dataAsOf: context.settings.team.startOf(dayAfter) };
}
