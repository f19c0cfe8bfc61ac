import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../domain/dates.js";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LONG_WEEKDAYS = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
];
const LONG_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `Thu 3 Dec`: a date as a person scanning a list reads it. */
export function formatShortDay(date: CalendarDate): string {
  const day = Temporal.PlainDate.from(date);

  return `${WEEKDAYS[day.dayOfWeek - 1]} ${day.day} ${MONTHS[day.month - 1]}`;
}

/** `Thursday 3 December 2026`. */
export function formatLongDay(date: CalendarDate): string {
  const day = Temporal.PlainDate.from(date);
  return `${LONG_WEEKDAYS[day.dayOfWeek - 1]} ${day.day} ${LONG_MONTHS[day.month - 1]} ${day.year}`;
}

/** `Fri 4 Dec 09:00`: an instant in the team's zone. */
export function formatDueTime(unixSeconds: number, timeZone: string): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(unixSeconds * 1000).toZonedDateTimeISO(
    timeZone,
  );
  const time = `${String(zoned.hour).padStart(2, "0")}:${String(zoned.minute).padStart(2, "0")}`;

  return `${formatShortDay(zoned.toPlainDate().toString())} ${time}`;
}
