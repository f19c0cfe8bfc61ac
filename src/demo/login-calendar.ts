import { createRandom, mixSeed } from "./create-random.js";
import { drawWorkingDay } from "./draw-working-day.js";
import { userHashOf } from "./name-user.js";
import type { CustomerPlan, DemoRun } from "./plan-customer.js";
import { STREAM } from "./random-streams.js";

/** The profiles describe the 30 days before the evaluation date: logins, features, last login. */
export const WINDOW_DAYS = 30;

/**
 * The visits log covers 60 days by default, so that a run dated up to 30 days before the
 * evaluation date still finds its whole 30-day usage window covered (the README's walk-through
 * runs a fixed date on exports made today).
 */
export const DEFAULT_VISIT_DAYS = 60;

/** A year of visits, a leap year's included: the calendar keeps a byte a customer a day. */
export const MAX_VISIT_DAYS = 366;

/**
 * What the visits log needs of each customer, kept while the customers are planned: the visits
 * are written afterwards, day by day in time order, and a million customers must fit in memory
 * (a byte a customer a day of the log, about 30 bytes more, plus the domain).
 */
export interface LoginCalendar {
  /** Days the log covers, ending the day before the evaluation date. */
  days: number;
  /** Logins of customer `c` on log day `d`, at `c * days + d` (day 0 is `days` days before). */
  logins: Uint8Array;
  /** Distinct features each customer uses in the profile's 30 days. */
  features: Uint8Array;
  /** Distinct features each customer used before them. */
  earlierFeatures: Uint8Array;
  /** How many users each customer has: visits pick one of them. */
  users: Uint8Array;
  /** Each customer's e-mail domain, the visits' user ids end in it. */
  domains: string[];
  /** Each customer's `userHashOf`: its users' names, visitor ids and visit counts. */
  userHashes: Uint32Array;
  loginsPerDay: Uint32Array;
}

export function createLoginCalendar(customers: number, days: number): LoginCalendar {
  return {
    days,
    logins: new Uint8Array(customers * days),
    features: new Uint8Array(customers),
    earlierFeatures: new Uint8Array(customers),
    users: new Uint8Array(customers),
    domains: new Array<string>(customers).fill(""),
    userHashes: new Uint32Array(customers),
    loginsPerDay: new Uint32Array(days),
  };
}

/**
 * Puts the last login on its planned day and spreads the others of the profile's 30 days from
 * the account's start; then spreads the earlier logins over the days before, from the account's
 * start too. The 30 days draw as they did when the log had no earlier days.
 */
export function planLoginDays(plan: CustomerPlan, run: DemoRun, calendar: LoginCalendar): void {
  const { logins, lastLoginDaysAgo, features } = plan.activity;
  calendar.features[plan.index] = features;
  calendar.earlierFeatures[plan.index] = plan.earlier.features;
  calendar.users[plan.index] = plan.userCount;
  calendar.domains[plan.index] = plan.domain;
  calendar.userHashes[plan.index] = userHashOf(run.seed, plan.index);

  const logStart = run.asOfDay - calendar.days;
  const windowStart = run.asOfDay - WINDOW_DAYS;
  const add = (day: number) => {
    const logDay = day - logStart;
    const cell = plan.index * calendar.days + logDay;
    calendar.logins[cell] = (calendar.logins[cell] ?? 0) + 1;
    calendar.loginsPerDay[logDay] = (calendar.loginsPerDay[logDay] ?? 0) + 1;
  };

  if (logins > 0) {
    const random = createRandom(mixSeed(run.seed, STREAM.loginDays, plan.index));
    const lastDay = run.asOfDay - lastLoginDaysAgo;
    const firstDay = Math.max(windowStart, plan.customerSinceDay);
    add(lastDay);
    for (let login = 1; login < logins; login += 1) add(drawWorkingDay(random, firstDay, lastDay));
  }

  const earlierFrom = Math.max(logStart, plan.customerSinceDay);
  const earlierTo = windowStart - 1;
  if (earlierFrom > earlierTo || plan.earlier.loginsPer30Days === 0) return;

  const random = createRandom(mixSeed(run.seed, STREAM.earlierLoginDays, plan.index));
  const expected = (plan.earlier.loginsPer30Days * (earlierTo - earlierFrom + 1)) / WINDOW_DAYS;
  // Rounded up or down at random, so that short stretches still see a login now and then.
  const count = Math.floor(expected + random.next());
  for (let login = 0; login < count; login += 1)
    add(drawWorkingDay(random, earlierFrom, earlierTo));
}
