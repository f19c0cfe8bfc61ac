import { addDays } from "./add-days.js";
import type { CalendarDate } from "./dates.js";
import type { LastLogin } from "./facts.js";

/** Which days before the evaluation date the imported visit logs cover. */
export interface LoginCoverage {
  asOf: CalendarDate;
  /** Every day of the usage window (`asOf − usageDays` to `asOf − 1`) is covered. */
  windowCovered: boolean;
  /**
   * The first day of the unbroken covered stretch that ends the day before `asOf`; undefined
   * when that day itself is not covered.
   */
  stretchStart: CalendarDate | undefined;
}

/**
 * Matomo arrives in slices (a weekly export, a daily sync), so a count over the window is only
 * known when the slices leave no day of it out; otherwise a missing week would read as a
 * customer who stopped logging in.
 */
export function describeLoginCoverage(
  coveredDays: readonly CalendarDate[],
  asOf: CalendarDate,
  usageDays: number,
): LoginCoverage {
  const covered = new Set(coveredDays.filter((day) => day < asOf));
  let stretchStart: CalendarDate | undefined;
  for (let day = addDays(asOf, -1); covered.has(day); day = addDays(day, -1)) stretchStart = day;

  const windowStart = addDays(asOf, -usageDays);
  const windowCovered = stretchStart !== undefined && stretchStart <= windowStart;

  return { asOf, windowCovered, stretchStart };
}

/**
 * The last login that the visit logs prove. A login found is exact when every day after it up
 * to the day before `asOf` is covered, since a later one would have been seen. Without that,
 * the covered stretch at the end still proves there was no login in it, so the customer is
 * known to be inactive since the stretch began, whether or not an older login was seen.
 */
export function decideLastLogin(
  lastLoginDate: CalendarDate | undefined,
  coverage: LoginCoverage,
): LastLogin | undefined {
  const { stretchStart } = coverage;
  if (lastLoginDate !== undefined) {
    const nextDay = addDays(lastLoginDate, 1);
    const seenToTheEnd =
      nextDay >= coverage.asOf || (stretchStart !== undefined && stretchStart <= nextDay);
    if (seenToTheEnd) return { kind: "date", date: lastLoginDate };
  }

  return stretchStart === undefined ? undefined : { kind: "none_since", date: stretchStart };
}
