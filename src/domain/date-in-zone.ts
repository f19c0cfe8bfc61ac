import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "./dates.js";

/**
 * The calendar date in `timeZone` of an instant given in Unix seconds. Throws a `RangeError`
 * for a zone Temporal does not know; the configuration is validated before it gets here.
 */
export function dateInZone(unixSeconds: number, timeZone: string): CalendarDate {
  return Temporal.Instant.fromEpochMilliseconds(Math.floor(unixSeconds * 1000))
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}
