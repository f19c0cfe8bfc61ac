import { Temporal } from "temporal-polyfill";

import { dateOfEpochDay, epochDayOf, isPlainIsoDate, type CalendarDate } from "./dates.js";

/** The days `dateOfEpochDay` writes as `YYYY-MM-DD`; Temporal writes the rest. */
const FIRST_PLAIN_EPOCH_DAY = epochDayOf("0000-01-01");
const LAST_PLAIN_EPOCH_DAY = epochDayOf("9999-12-31");

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  // Arithmetic for the plain dates csops stores: the daily run adds days for every customer.
  const epochDay = isPlainIsoDate(date) ? epochDayOf(date) + days : undefined;
  if (
    epochDay !== undefined &&
    epochDay >= FIRST_PLAIN_EPOCH_DAY &&
    epochDay <= LAST_PLAIN_EPOCH_DAY
  ) {
    return dateOfEpochDay(epochDay);
  }

  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Every calendar day from `first` to `last`, both included; empty when `last` is earlier. */
export function listDays(first: CalendarDate, last: CalendarDate): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);

  return days;
}
