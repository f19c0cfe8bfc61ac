import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../domain/dates.js";

/** A wall-clock reading: a calendar date and a time of day, in no zone yet. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Conversions between Unix seconds and calendar dates or wall-clock times in one zone. */
export interface ZoneClock {
  readonly zone: string;
  /** The calendar date of `epochSeconds` in this zone. */
  dateOf(epochSeconds: number): CalendarDate;
  /**
   * The Unix time of a wall-clock reading in this zone. A time skipped by a clock change moves
   * forward; a time that happens twice is the earlier one (Temporal's "compatible").
   */
  epochSecondsOf(wall: WallClock): number;
  /** The Unix time at which `date` begins in this zone. */
  startOf(date: CalendarDate): number;
}

const UTC_NAMES = new Set(["UTC", "ETC/UTC", "Z", "GMT", "ETC/GMT", "+00:00"]);
const RECENT_DAYS = 64;

/**
 * A clock for `zone` (an IANA name or an offset such as `-12:00`). Converting an instant to a
 * date with Temporal costs tens of microseconds, too much for a million visits, so the days
 * already met are kept with their exact bounds: a visits log covers a few dozen of them.
 */
export function createZoneClock(zone: string): ZoneClock {
  if (UTC_NAMES.has(zone.toUpperCase())) return createUtcClock(zone);

  const days: { start: number; end: number; date: CalendarDate }[] = [];
  const startOf = (date: CalendarDate): number =>
    Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds / 1000;

  return {
    zone,
    dateOf(epochSeconds) {
      for (let i = days.length - 1; i >= 0; i--) {
        const day = days[i];
        if (day && epochSeconds >= day.start && epochSeconds < day.end) return day.date;
      }
      const plain = Temporal.Instant.fromEpochMilliseconds(Math.floor(epochSeconds) * 1000)
        .toZonedDateTimeISO(zone)
        .toPlainDate();
      const date = plain.toString();
      days.push({ start: startOf(date), end: startOf(plain.add({ days: 1 }).toString()), date });
      if (days.length > RECENT_DAYS) days.shift();

      return date;
    },
    epochSecondsOf(wall) {
      const local = Temporal.PlainDateTime.from(wall, { overflow: "reject" });

      return local.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds / 1000;
    },
    startOf,
  };
}

function createUtcClock(zone: string): ZoneClock {
  return {
    zone,
    dateOf: (epochSeconds) => new Date(Math.floor(epochSeconds) * 1000).toISOString().slice(0, 10),
    epochSecondsOf: ({ year, month, day, hour, minute, second }) =>
      Date.UTC(year, month - 1, day, hour, minute, second) / 1000,
    startOf: (date) => Date.parse(`${date}T00:00:00Z`) / 1000,
  };
}

/**
 * `zone` as Temporal accepts it, or undefined when it is no zone. Matomo names fixed-offset
 * sites `UTC-12` or `UTC+5.5`; those become `-12:00` and `+05:30`.
 */
export function normalizeZone(zone: string): string | undefined {
  const matomo = /^UTC([+-])(\d{1,2})(?:\.(\d+))?$/i.exec(zone.trim());
  const candidate = matomo ? toOffset(matomo[1] ?? "+", matomo[2] ?? "0", matomo[3]) : zone.trim();
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(candidate);
    return candidate;
  } catch {
    return undefined;
  }
}

function toOffset(sign: string, hours: string, fraction: string | undefined): string {
  const minutes = Math.round(Number(`0.${fraction ?? "0"}`) * 60);

  return `${sign}${hours.padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
