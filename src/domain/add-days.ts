import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "./dates.js";

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}
