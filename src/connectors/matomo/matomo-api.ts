import type { CalendarDate } from "../../domain/dates.js";

/**
 * The Matomo Reporting API calls csops makes, in its own words. Matomo has no official Node
 * client; the adapter posts forms with Node's fetch.
 */
export interface MatomoApi {
  /** The site's time zone as Matomo names it: `Europe/London`, or `UTC+2` for a fixed offset. */
  readSiteTimeZone(siteId: number): Promise<string>;
  /**
   * The visits of one day in the site's time zone (`Live.getLastVisitsDetails`), page after
   * page, oldest first, until a page comes back empty: a short page is not taken for the end.
   */
  listVisitsOfDay(siteId: number, day: CalendarDate): AsyncIterable<MatomoVisit[]>;
}

/** One visit as Matomo's JSON renderer writes it, `actionDetails` included. */
export type MatomoVisit = Record<string, unknown>;
