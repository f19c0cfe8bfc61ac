import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../domain/dates.js";
import { isCalendarDate } from "../domain/dates.js";
import { CsopsError } from "../errors.js";

/** `--as-of` / `--date`: the date given, or today in the team's time zone. */
export function resolveDateOrFail(
  text: string | undefined,
  timeZone: string,
  option: string,
): CalendarDate {
  if (text === undefined) return Temporal.Now.plainDateISO(timeZone).toString();
  if (!isCalendarDate(text)) {
    throw new CsopsError("usage", `${option} "${text}" is not a date; expected YYYY-MM-DD`);
  }

  return text;
}
