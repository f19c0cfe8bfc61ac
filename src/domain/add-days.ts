import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "./dates.js";

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Every calendar day from `first` to `last`, both included; empty when `last` is earlier. */
export function listDays(first: CalendarDate, last: CalendarDate): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);

  return days;
}
