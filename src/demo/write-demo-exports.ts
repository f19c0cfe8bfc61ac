import { mkdir, utimes } from "node:fs/promises";

import { isCalendarDate, type CalendarDate } from "../domain/dates.js";
import type { SourceKind } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { createDemoRun } from "./create-demo-run.js";
import { DEMO_FILES } from "./demo-files.js";
import {
  countProfiles,
  DEMO_PROFILES,
  type DemoProfileId,
  type IntendedOutcome,
} from "./demo-profiles.js";
import { DEFAULT_VISIT_DAYS, MAX_VISIT_DAYS, WINDOW_DAYS } from "./login-calendar.js";
import { MAX_AGENCIES } from "./name-agency.js";
import type { ExportFormat } from "./open-export-file.js";
import type { PlantedProblem } from "./planted-problem.js";
import { writeCustomerFiles, type WrittenFile } from "./write-customer-files.js";
import { startVisitsFile } from "./write-visits-file.js";
import { checkTimeZoneOrFail, unixTimeOf } from "./zone-times.js";

export interface DemoOptions {
  outDir: string;
  customers: number;
  /** The morning the exports are made: every date is relative to it. */
  asOf: CalendarDate;
  seed: number;
  /** The team's zone: HubSpot's times (portal zone), visit days and the export time use it. */
  timeZone: string;
  /** Matomo's site zone (config `matomo.site_time_zone`); action timestamps shift by it. */
  siteTimeZone?: string | undefined;
  /**
   * Days of visits the log covers, ending the day before `asOf`: 60 by default, 30 to 366.
   * The profiles describe the last 30 of them whatever the number; 30 writes exactly those.
   */
  visitDays?: number | undefined;
}

export interface DemoFile {
  name: string;
  path: string;
  kind: SourceKind;
  /** Data rows, the header not counted. */
  rows: number;
  bytes: number;
  encoding: ExportFormat["encoding"];
  /** The file's modification time (Unix seconds): that morning's export. */
  modifiedAt: number;
}

export interface DemoSummary {
  outDir: string;
  customers: number;
  asOf: CalendarDate;
  seed: number;
  /** Days of visits the log covers, ending the day before `asOf`. */
  visitDays: number;
  files: DemoFile[];
  /** The malformed values written on purpose; import should report each and keep the rest. */
  planted: PlantedProblem[];
  /** The customer mix: how many customers of each profile, and where they should land. */
  profiles: { profile: DemoProfileId; intended: IntendedOutcome; customers: number }[];
  visits: { total: number; anonymous: number };
}

/**
 * Writes the exports of an invented real-estate SaaS (HubSpot companies and tickets, Stripe
 * customers, subscriptions and invoices, Matomo's visits log) into `outDir`, in the formats
 * of HubSpot's UI export, Stripe's Dashboard and Matomo's API, with the headers the importers'
 * presets read, and dates them that morning. The same options give byte-identical files. The
 * visits log reaches `visitDays` back, so a run dated up to `visitDays − 30` days before `asOf`
 * finds its 30-day usage window covered; the customers' profiles hold in the last 30 days.
 * Every file is written as a stream: customers are planned one at a time, and the visits log
 * keeps about 70 bytes a customer and one a day of the log (login days, domain) to write its
 * days in time order.
 */
export async function writeDemoExports(options: DemoOptions): Promise<DemoSummary> {
  checkOptionsOrFail(options);
  const visitDays = options.visitDays ?? DEFAULT_VISIT_DAYS;
  await mkdir(options.outDir, { recursive: true }).catch((error: unknown) => {
    throw new CsopsError("file_unwritable", `cannot create folder ${options.outDir}`, [], {
      cause: error,
    });
  });

  const visitsFile = startVisitsFile({
    outDir: options.outDir,
    customers: options.customers,
    asOf: options.asOf,
    seed: options.seed,
    timeZone: options.timeZone,
    siteTimeZone: options.siteTimeZone ?? "UTC",
    visitDays,
  });
  const run = createDemoRun(options);
  const customerFiles = await writeCustomerFiles(options.outDir, run).catch((error: unknown) => {
    visitsFile.cancel();
    throw error;
  });
  const visits = await visitsFile.done();
  const written: WrittenFile[] = [...customerFiles.files, { key: "visits", ...visits }];
  const counts = countProfiles(run.customers);

  return {
    outDir: options.outDir,
    customers: run.customers,
    asOf: options.asOf,
    seed: options.seed,
    visitDays,
    files: await dateFiles(written, options),
    planted: [...customerFiles.planted, ...visits.planted],
    profiles: DEMO_PROFILES.map((profile) => ({
      profile: profile.id,
      intended: profile.intended,
      customers: counts.get(profile.id) ?? 0,
    })),
    visits: { total: visits.visits, anonymous: visits.anonymous },
  };
}

function checkOptionsOrFail(options: DemoOptions): void {
  const { customers, asOf, seed } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_AGENCIES) {
    throw new CsopsError("usage", `customers must be a whole number from 1 to ${MAX_AGENCIES}`);
  }
  if (!isCalendarDate(asOf)) {
    throw new CsopsError("usage", `as-of "${asOf}" is not a date; expected YYYY-MM-DD`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new CsopsError("usage", `seed must be a whole number of 0 or more, not ${seed}`);
  }
  const { visitDays = DEFAULT_VISIT_DAYS } = options;
  if (!Number.isInteger(visitDays) || visitDays < WINDOW_DAYS || visitDays > MAX_VISIT_DAYS) {
    throw new CsopsError(
      "usage",
      `visit days must be a whole number from ${WINDOW_DAYS} to ${MAX_VISIT_DAYS}, not ${visitDays}`,
    );
  }
  checkTimeZoneOrFail(options.timeZone, "time zone");
  if (options.siteTimeZone !== undefined) {
    checkTimeZoneOrFail(options.siteTimeZone, "Matomo site time zone");
  }
}

/**
 * Sets each file's modification time to a few minutes before 09:00 on the evaluation date in
 * the team's zone: exports made that morning. Import takes a file's time as the data's age
 * when nothing better is known.
 */
async function dateFiles(written: WrittenFile[], options: DemoOptions): Promise<DemoFile[]> {
  const nine = unixTimeOf(options.asOf, "09:00", options.timeZone);
  const files: DemoFile[] = [];
  for (const file of written) {
    const spec = DEMO_FILES[file.key];
    const modifiedAt = nine - spec.exportedMinutesBefore * 60;
    await utimes(file.path, modifiedAt, modifiedAt).catch((error: unknown) => {
      throw new CsopsError("file_unwritable", `cannot set the time of ${file.path}`, [], {
        cause: error,
      });
    });
    files.push({
      name: spec.name,
      path: file.path,
      kind: spec.kind,
      rows: file.rows,
      bytes: file.bytes,
      encoding: spec.format.encoding,
      modifiedAt,
    });
  }

  return files;
}
