import { createRandom, mixSeed } from "./create-random.js";
import { drawWorkingDay } from "./draw-working-day.js";
import { userHashOf } from "./name-user.js";
import type { CustomerPlan, DemoRun } from "./plan-customer.js";
import { STREAM } from "./random-streams.js";

/** The visits log covers the 30 days before the evaluation date. */
export const WINDOW_DAYS = 30;

/**
 * What the visits log needs of each customer, kept while the customers are planned: the visits
 * are written afterwards, day by day in time order, and a million customers must fit in memory
 * (about 30 bytes each, plus the domain).
 */
export interface LoginCalendar {
  /** Logins of customer `c` on window day `d` (0 is 30 days before the evaluation date). */
  logins: Uint8Array;
  /** Distinct features each customer uses in the window. */
  features: Uint8Array;
  /** How many users each customer has: visits pick one of them. */
  users: Uint8Array;
  /** Each customer's e-mail domain, the visits' user ids end in it. */
  domains: string[];
  /** Each customer's `userHashOf`: its users' names, visitor ids and visit counts. */
  userHashes: Uint32Array;
  loginsPerDay: Uint32Array;
}

export function createLoginCalendar(customers: number): LoginCalendar {
  return {
    logins: new Uint8Array(customers * WINDOW_DAYS),
    features: new Uint8Array(customers),
    users: new Uint8Array(customers),
    domains: new Array<string>(customers).fill(""),
    userHashes: new Uint32Array(customers),
    loginsPerDay: new Uint32Array(WINDOW_DAYS),
  };
}

/** Puts the last login on its planned day and spreads the others from the account's start. */
export function planLoginDays(plan: CustomerPlan, run: DemoRun, calendar: LoginCalendar): void {
  const { logins, lastLoginDaysAgo, features } = plan.activity;
  calendar.features[plan.index] = features;
  calendar.users[plan.index] = plan.userCount;
  calendar.domains[plan.index] = plan.domain;
  calendar.userHashes[plan.index] = userHashOf(run.seed, plan.index);
  if (logins === 0) return;

  const random = createRandom(mixSeed(run.seed, STREAM.loginDays, plan.index));
  const windowStart = run.asOfDay - WINDOW_DAYS;
  const lastDay = run.asOfDay - lastLoginDaysAgo;
  const firstDay = Math.max(windowStart, plan.customerSinceDay);
  const add = (day: number) => {
    const windowDay = day - windowStart;
    const cell = plan.index * WINDOW_DAYS + windowDay;
    calendar.logins[cell] = (calendar.logins[cell] ?? 0) + 1;
    calendar.loginsPerDay[windowDay] = (calendar.loginsPerDay[windowDay] ?? 0) + 1;
  };
  add(lastDay);
  for (let login = 1; login < logins; login += 1) add(drawWorkingDay(random, firstDay, lastDay));
}

/** Logins of `customer` before window day `windowDay`: they number the day's logins. */
export function countLoginsBefore(
  calendar: LoginCalendar,
  customer: number,
  windowDay: number,
): number {
  let count = 0;
  for (let day = 0; day < windowDay; day += 1) {
    count += calendar.logins[customer * WINDOW_DAYS + day] ?? 0;
  }

  return count;
}
