import { civilFromDays, daysFromCivil } from "../domain/civil-days.js";
import type { CalendarDate } from "../domain/dates.js";

/**
 * Calendar arithmetic on day numbers (days since 1970-01-01) for the generator's hot loops:
 * millions of dates and times are written, and integer arithmetic is a hundred times faster
 * than building Temporal objects for each. Time zones are not handled here; the generator asks
 * Temporal once per day for the offsets it needs.
 */

const SECONDS_PER_DAY = 86_400;

/** The day number of a `YYYY-MM-DD` date. */
export function dayNumberOf(date: CalendarDate): number {
  return daysFromCivil(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)),
    Number(date.slice(8, 10)),
  );
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDayNumber(day: number): CalendarDate {
  const { year, month, dayOfMonth } = civilFromDays(day);

  return `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** 0 for Sunday to 6 for Saturday: 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * The same day `months` later (or earlier), clamped to the month's end as Stripe bills: a
 * subscription started on 31 January renews on 28 or 29 February.
 */
export function addMonthsClamped(day: number, months: number): number {
  const { year, month, dayOfMonth } = civilFromDays(day);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;

  return daysFromCivil(newYear, newMonth, Math.min(dayOfMonth, daysInMonth(newYear, newMonth)));
}

/** The date `years` later (or earlier); 29 February becomes 28 February in other years. */
export function addYearsClamped(day: number, years: number): number {
  return addMonthsClamped(day, years * 12);
}

/** `YYYY-MM-DD HH:MM` in UTC, as Stripe's Dashboard exports write times. */
export function formatUtcMinutes(unixSeconds: number): string {
  const day = Math.floor(unixSeconds / SECONDS_PER_DAY);

  return formatDayAndMinute(day, Math.floor((unixSeconds - day * SECONDS_PER_DAY) / 60));
}

/** `YYYY-MM-DD HH:MM` of a wall-clock time, as HubSpot's UI exports write datetimes. */
export function formatDayAndMinute(day: number, minuteOfDay: number): string {
  return `${dateOfDayNumber(day)} ${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as Matomo writes `lastActionDateTime`. */
export function formatUtcSeconds(unixSeconds: number): string {
  const day = Math.floor(unixSeconds / SECONDS_PER_DAY);

  return `${dateOfDayNumber(day)} ${formatClock(unixSeconds - day * SECONDS_PER_DAY)}`;
}

/** `HH:MM:SS` of a number of seconds after midnight. */
export function formatClock(secondsOfDay: number): string {
  const hours = Math.floor(secondsOfDay / 3600);
  const minutes = Math.floor((secondsOfDay % 3600) / 60);

  return `${pad2(hours)}:${pad2(minutes)}:${pad2(secondsOfDay % 60)}`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;

  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
