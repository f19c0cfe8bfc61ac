import { collectDayVisits, orderByStart } from "./collect-day-visits.js";
import { dateOfDayNumber } from "./day-numbers.js";
import { WINDOW_DAYS, type LoginCalendar } from "./login-calendar.js";
import type { ExportFile } from "./open-export-file.js";
import type { DemoRun } from "./plan-customer.js";
import type { PlantedProblem } from "./planted-problem.js";
import { MAX_ACTIONS, VisitRowWriter } from "./visit-row-writer.js";
import { offsetSecondsAt, unixTimeOf } from "./zone-times.js";

export const MATOMO_VISIT_COLUMNS = [
  "idSite",
  "idVisit",
  "visitorId",
  "userId",
  "visitCount",
  "serverDate",
  "serverTimestamp",
  "firstActionTimestamp",
  "lastActionTimestamp",
  "lastActionDateTime",
  "actions",
  "events",
] as const;

export const MATOMO_ACTION_FIELDS = [
  "type",
  "eventCategory",
  "eventAction",
  "eventName",
  "timestamp",
] as const;

/** The header of `Live.getLastVisitsDetails` as CSV, flattened for `actions` actions a visit. */
export function buildMatomoHeader(actions: number): string[] {
  const actionColumns = Array.from({ length: actions }, (_, index) =>
    MATOMO_ACTION_FIELDS.map((field) => `actionDetails_${index}_${field}`),
  );

  return [...MATOMO_VISIT_COLUMNS, ...actionColumns.flat()];
}

export interface VisitsWritten {
  visits: number;
  anonymous: number;
  planted: PlantedProblem[];
}

export interface VisitSettings {
  run: DemoRun;
  calendar: LoginCalendar;
  timeZone: string;
  siteTimeZone: string;
  /** Visits with a broken timestamp to plant, spread over the file. */
  brokenRows: number;
  /** The file's name, for the planted rows' report. */
  fileName: string;
}

/**
 * Writes the visits log of the calendar's days before the evaluation date, a day at a time and
 * in time order within each day, as Matomo lists visits with `filter_sort_order=asc`. Memory
 * holds one day's visits as numbers, never the file.
 */
export async function writeMatomoVisits(
  file: ExportFile,
  settings: VisitSettings,
): Promise<VisitsWritten> {
  const { run, calendar } = settings;
  const writer = new VisitRowWriter(file, {
    ...settings,
    seed: run.seed,
    customers: run.customers,
  });
  file.writeRow(buildMatomoHeader(MAX_ACTIONS));

  const logStart = run.asOfDay - calendar.days;
  const loginsSoFar = new Uint16Array(run.customers);
  for (let logDay = 0; logDay < calendar.days; logDay += 1) {
    // The profile's 30 days number their logins afresh, as when the log began with them.
    if (logStart + logDay === run.asOfDay - WINDOW_DAYS) loginsSoFar.fill(0);
    const date = dateOfDayNumber(logStart + logDay);
    // Visits start from 06:45 to 22:30 local time, clear of any daylight-saving change.
    const anchor = unixTimeOf(date, "06:00", settings.timeZone);
    writer.siteOffset = offsetSecondsAt(anchor + 6 * 3600, settings.siteTimeZone);
    const day = collectDayVisits(run, calendar, logDay, loginsSoFar);

    for (const entry of orderByStart(day)) {
      if (writer.write(day, entry, anchor)) await file.flush();
    }
  }

  return writer.outcome();
}
