import type { CalendarDate } from "../domain/dates.js";
import type { CellParser } from "./cell-value.js";
import type { WallClock, ZoneClock } from "./zone-clock.js";

/**
 * `2027-03-15`, `2024-03-01 10:42`, `2019-09-15 2:50:54` (warehouse syncs drop the hour's zero),
 * `2020-07-09 11:06:21.056000`, `2024-04-16T03:42:41.810Z`, `… +01:00`.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

const DATE_FORM = "a date YYYY-MM-DD";
const DATE_TIME_FORM = "a date and time YYYY-MM-DD HH:MM[:SS]";

interface TimeText {
  wall: WallClock;
  /** Seconds east of UTC when the text names its offset. */
  offsetSeconds?: number | undefined;
}

/** Reads a date, with or without a time and an offset; undefined when it is none. */
export function readTimeText(text: string): TimeText | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;

  const parts = match.slice(1, 7).map((part) => Number(part ?? 0));
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;

  return {
    wall: { year, month, day, hour, minute, second },
    offsetSeconds: offsetSecondsOf(match[7]),
  };
}

/**
 * A date property (contract end, customer since). HubSpot stores it as midnight UTC, so a time
 * written after it is noise and is ignored: never shift a date property through a time zone.
 */
export const dateCell: CellParser<CalendarDate> = (text) => {
  const read = readTimeText(text);
  if (!read) return { expected: DATE_FORM };
  const { year, month, day } = read.wall;

  return { value: `${year}-${pad(month)}-${pad(day)}` };
};

/** A date, or `never` for a user that has never logged in. */
export const dateOrNeverCell: CellParser<CalendarDate | "never"> = (text) => {
  if (text.toLowerCase() === "never") return { value: "never" };
  const parsed = dateCell(text);

  return "value" in parsed ? parsed : { expected: `${DATE_FORM}, or never` };
};

/** An instant written as text; without an offset it is a wall-clock time in `clock`'s zone. */
export function instantCell(clock: ZoneClock): CellParser<number> {
  return (text) => {
    const read = readTimeText(text);
    if (!read) return { expected: DATE_TIME_FORM };

    return { value: toEpochSeconds(read, clock) };
  };
}

/**
 * An instant written as text in `source`'s zone, kept as its calendar date in the team's zone
 * (a ticket's creation date).
 */
export function instantDateCell(source: ZoneClock, team: ZoneClock): CellParser<CalendarDate> {
  const instant = instantCell(source);

  return (text) => {
    const parsed = instant(text);
    return "value" in parsed ? { value: team.dateOf(parsed.value) } : parsed;
  };
}

/** Unix seconds, as Stripe and Matomo write instants. */
export const unixSecondsCell: CellParser<number> = (text) => {
  if (!/^\d+$/.test(text)) return { expected: "a Unix time in seconds" };
  const seconds = Number(text);
  // Seconds stay below 10^11 until the year 5138; larger values are milliseconds.
  if (seconds >= 1e11) return { expected: "a Unix time in seconds (this looks like milliseconds)" };

  return { value: seconds };
};

/** Unix seconds as a calendar date in the team's zone (Stripe's period ends and due dates). */
export function unixDateCell(team: ZoneClock): CellParser<CalendarDate> {
  return (text) => {
    const parsed = unixSecondsCell(text);
    return "value" in parsed ? { value: team.dateOf(parsed.value) } : parsed;
  };
}

export function toEpochSeconds(read: TimeText, clock: ZoneClock): number {
  if (read.offsetSeconds === undefined) return clock.epochSecondsOf(read.wall);
  const { year, month, day, hour, minute, second } = read.wall;

  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - read.offsetSeconds;
}

function offsetSecondsOf(offset: string | undefined): number | undefined {
  if (offset === undefined) return undefined;
  if (/^(z|utc)$/i.test(offset)) return 0;
  const digits = offset.replace(":", "");
  const sign = digits.startsWith("-") ? -1 : 1;

  return sign * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5)) * 60);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

  return day <= (lengths[month - 1] ?? 0);
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
