import { addDays, listDays } from "../../domain/add-days.js";
import type { CalendarDate } from "../../domain/dates.js";
import { CsopsError } from "../../errors.js";
import type { ImportSettings } from "../../importers/import-settings.js";
import type { ExportRecord, ExportRow } from "../../importers/opened-export.js";
import { readMatomoJson } from "../../importers/read-matomo-json.js";
import { createZoneClock, normalizeZone, type ZoneClock } from "../../importers/zone-clock.js";
import type { Logger } from "../../logger.js";
import type { FetchedListing, ListingSpool, ReadObject } from "../create-listing-spool.js";
import type { MatomoApi, MatomoVisit } from "./matomo-api.js";

export interface MatomoFetch {
  api: MatomoApi;
  settings: ImportSettings;
  spool: ListingSpool;
  logger: Logger;
  /** Unix seconds now: the days before today in the site's zone are closed. */
  now: number;
  siteId: number;
  /** Closed days fetched the first time, and the most fetched after a gap. */
  backfillDays: number;
  /** Unix seconds: where the previous sync's days ended (its data as-of); undefined the first time. */
  syncedUntil?: number | undefined;
}

export const MATOMO_LISTING = "api:matomo/visits";

/**
 * Fetches the visits of every closed day not fetched yet, one day at a time in the site's time
 * zone, oldest first: each day is complete once it has ended, so paging through it cannot miss
 * a visit that arrives meanwhile. Visits are kept once per `idSite:idVisit`, whatever paging
 * repeats. Returns no listing when every closed day was fetched before.
 */
export async function fetchMatomo(fetch: MatomoFetch): Promise<FetchedListing[]> {
  const site = await readSiteClockOrFail(fetch);
  const lastClosed = addDays(site.dateOf(fetch.now), -1);
  const earliest = addDays(lastClosed, -(fetch.backfillDays - 1));
  const afterPrevious =
    fetch.syncedUntil === undefined ? earliest : addDays(site.dateOf(fetch.syncedUntil - 1), 1);
  const first = afterPrevious > earliest ? afterPrevious : earliest;
  if (first > lastClosed) return [];

  const settings = { ...fetch.settings, site };
  const writer = fetch.spool.start({
    name: MATOMO_LISTING,
    kind: "matomo_visits",
    preset: "matomo_api",
  });
  const seen = new Set<string>();
  let repeated = 0;
  for (const day of listDays(first, lastClosed)) {
    for await (const page of fetch.api.listVisitsOfDay(fetch.siteId, day)) {
      const fresh = page.filter((visit) => {
        const key = `${String(visit.idSite ?? fetch.siteId)}:${String(visit.idVisit)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length === 0) {
        throw new CsopsError(
          "source_unavailable",
          `Matomo sent a page of ${day} with no new visit; paging is not advancing`,
        );
      }
      repeated += page.length - fresh.length;
      for (const read of readVisits(fresh, settings)) await writer.add(read);
    }
  }
  if (repeated > 0)
    fetch.logger.info({ repeated }, "Matomo repeated visits across pages; kept once");

  const end = site.startOf(addDays(lastClosed, 1));
  const coverage = coveredTeamDays(site.startOf(first), end, settings.team);

  return [await writer.finish({ coverage, dataAsOf: end })];
}

async function readSiteClockOrFail(fetch: MatomoFetch): Promise<ZoneClock> {
  const named = await fetch.api.readSiteTimeZone(fetch.siteId);
  const zone = normalizeZone(named);
  if (zone === undefined) {
    throw new CsopsError(
      "source_unavailable",
      `Matomo names site ${fetch.siteId}'s time zone "${named}", which csops does not know`,
    );
  }
  if (normalizeZone(fetch.settings.site.zone) !== zone) {
    fetch.logger.warn(
      { site: fetch.siteId, matomo: named, configured: fetch.settings.site.zone },
      "matomo.site_time_zone differs from the site's zone in Matomo; the sync uses Matomo's",
    );
  }

  return createZoneClock(zone);
}

/** Visits read as the JSON importer reads them; one object per visit. */
function readVisits(visits: MatomoVisit[], settings: ImportSettings): ReadObject[] {
  const byLine = new Map<number, ExportRow[]>();
  for (const row of readMatomoJson(MATOMO_LISTING, visits, settings).readRows()) {
    byLine.set(row.line, [...(byLine.get(row.line) ?? []), row]);
  }

  return [...byLine.values()].map((rows) => {
    const problems = rows.flatMap((row) => ("problems" in row ? row.problems : []));
    if (problems.length > 0) return { problems };
    const records = rows.flatMap((row) => ("problems" in row ? [] : [row]));
    return { records: records.map(({ kind, record }) => ({ kind, record }) as ExportRecord) };
  });
}

/**
 * The days in the team's zone that lie wholly inside the fetched span. With the site in the
 * team's zone they are the fetched days; otherwise the partial days at either end are left
 * out, since a count over them would miss the visits outside the span.
 */
function coveredTeamDays(from: number, to: number, team: ZoneClock) {
  let first: CalendarDate = team.dateOf(from);
  if (team.startOf(first) < from) first = addDays(first, 1);
  let last: CalendarDate = team.dateOf(to - 1);
  if (team.startOf(addDays(last, 1)) > to) last = addDays(last, -1);

  return first <= last ? { from: first, to: last } : undefined;
}
