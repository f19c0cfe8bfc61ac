import { Temporal } from "temporal-polyfill";

import { civilFromDays, daysFromCivil } from "./civil-days.js";

/** A calendar date written `YYYY-MM-DD`. Every date in csops is one: no times, no zones. */
export type CalendarDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar date in `YYYY-MM-DD` form (`2026-02-30` is not). */
export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const fromDay = plainEpochDayOf(from);
  const toDay = plainEpochDayOf(to);
  if (fromDay === undefined || toDay === undefined) {
    return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), {
      largestUnit: "day",
    }).days;
  }

  return toDay - fromDay;
}

/** Whether `date` is plain `YYYY-MM-DD`, which `epochDayOf` reads; other forms need Temporal. */
export function isPlainIsoDate(date: CalendarDate): boolean {
  return ISO_DATE.test(date);
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date (see `isPlainIsoDate`): the engine counts days for
 * every customer on every run, and building Temporal objects for that made evaluation dozens of
 * times slower.
 */
export function epochDayOf(date: CalendarDate): number {
  return daysFromCivil(digitsAt(date, 0, 4), digitsAt(date, 5, 7), digitsAt(date, 8, 10));
}

const HYPHEN = "-".charCodeAt(0);

/**
 * `epochDayOf` a plain `YYYY-MM-DD` date, checked as it is read; `undefined` for other forms.
 * Checking with `isPlainIsoDate` first took as long again, for the three dates of every customer.
 */
function plainEpochDayOf(date: CalendarDate): number | undefined {
  const isPlain =
    date.length === 10 && date.charCodeAt(4) === HYPHEN && date.charCodeAt(7) === HYPHEN;
  const epochDay = isPlain ? epochDayOf(date) : NaN;

  return Number.isNaN(epochDay) ? undefined : epochDay;
}

/** The number the digits from `start` to `end` write, or NaN if one is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let number = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return NaN;
    number = number * 10 + digit;
  }

  return number;
}

/**
 * The `YYYY-MM-DD` date `epochDay` days after 1970-01-01, for years 0 to 9999: the inverse of
 * `epochDayOf`.
 */
export function dateOfEpochDay(epochDay: number): CalendarDate {
  const { year, month, dayOfMonth } = civilFromDays(epochDay);

  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(dayOfMonth)}`;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
