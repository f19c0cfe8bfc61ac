import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../dates.js";

/** A calendar quarter: Q1 is January to March. */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** The quarter `date` falls in. */
export function quarterOf(date: CalendarDate): Quarter {
  const { year, month } = Temporal.PlainDate.from(date);

  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter["quarter"] };
}

/** The first day of the quarter. */
export function firstDayOf(quarter: Quarter): CalendarDate {
  return Temporal.PlainDate.from({
    year: quarter.year,
    month: quarter.quarter * 3 - 2,
    day: 1,
  }).toString();
}

/** How many days the quarter has: 90 to 92. */
export function countDaysOf(quarter: Quarter): number {
  const first = Temporal.PlainDate.from(firstDayOf(quarter));

  return first.until(first.add({ months: 3 }), { largestUnit: "day" }).days;
}

export function isSameQuarter(a: Quarter, b: Quarter): boolean {
  return a.year === b.year && a.quarter === b.quarter;
}
