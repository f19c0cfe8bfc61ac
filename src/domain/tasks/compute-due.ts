import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../dates.js";
import type { Due } from "../rules.js";

/** The daily run's hour: due times count from 09:00 on the run date in the team's zone. */
const DAY_START = Temporal.PlainTime.from("09:00");

/**
 * A quarterly check-in is made on the customer's day of the quarter and is due a week later:
 * it is never urgent, and a week lets the team fit it around the alerts.
 */
export const CHECK_IN_DUE_DAYS = 7;

/** A due time, as an instant and as the calendar date it falls on in the team's zone. */
export interface DueTime {
  dueAt: number;
  dueDate: CalendarDate;
}

/**
 * When a task made on `runDate` is due. Hours are real elapsed hours from 09:00 (a call due
 * "within 24 hours" across a daylight-saving change is due at 08:00 or 10:00 local time);
 * days are calendar days, due at 09:00 on the day reached; `every: quarter` is a check-in.
 */
export function computeDue(due: Due, runDate: CalendarDate, timeZone: string): DueTime {
  if ("hours" in due) {
    const at = startOfDay(runDate, timeZone).add({ hours: due.hours });
    return { dueAt: toUnixSeconds(at), dueDate: at.toPlainDate().toString() };
  }
  const days = "days" in due ? due.days : CHECK_IN_DUE_DAYS;

  return computeDueOn(Temporal.PlainDate.from(runDate).add({ days }).toString(), timeZone);
}

/** 09:00 on `date` in the team's zone: when a task due that day is due. */
export function computeDueOn(date: CalendarDate, timeZone: string): DueTime {
  return { dueAt: toUnixSeconds(startOfDay(date, timeZone)), dueDate: date };
}

function startOfDay(date: CalendarDate, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone, plainTime: DAY_START });
}

function toUnixSeconds(at: Temporal.ZonedDateTime): number {
  return Math.floor(at.epochMilliseconds / 1000);
}
