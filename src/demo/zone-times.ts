import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../domain/dates.js";
import { CsopsError } from "../errors.js";

/** The Unix time of a wall-clock time (`HH:MM`) on `date` in `timeZone`. */
export function unixTimeOf(date: CalendarDate, time: string, timeZone: string): number {
  const zoned = Temporal.PlainDate.from(date).toZonedDateTime({
    timeZone,
    plainTime: Temporal.PlainTime.from(time),
  });

  return zoned.epochMilliseconds / 1000;
}

/** How far `timeZone` is ahead of UTC at `unixSeconds`, in seconds. */
export function offsetSecondsAt(unixSeconds: number, timeZone: string): number {
  const zoned = Temporal.Instant.fromEpochMilliseconds(unixSeconds * 1000).toZonedDateTimeISO(
    timeZone,
  );

  return zoned.offsetNanoseconds / 1e9;
}

/** Throws `usage` unless `timeZone` is an IANA zone Temporal knows. */
export function checkTimeZoneOrFail(timeZone: string, what: string): void {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
  } catch (error) {
    throw new CsopsError("usage", `${what} "${timeZone}" is not a known time zone`, [], {
      cause: error,
    });
  }
}
