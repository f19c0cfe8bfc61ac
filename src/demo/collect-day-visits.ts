import { createRandom, mixSeed, type Random } from "./create-random.js";
import { WINDOW_DAYS, type LoginCalendar } from "./login-calendar.js";
import type { DemoRun } from "./plan-customer.js";
import { STREAM } from "./random-streams.js";

/**
 * One day's visits as parallel arrays of numbers: who, when (seconds after 06:00 local time),
 * and what kind. Text is made only when a visit is written, after the day is sorted.
 */
export interface DayVisits {
  /** The day falls in the profile's 30 days, not before: which features the logins use. */
  isInWindow: boolean;
  count: number;
  starts: Uint32Array;
  /** The customer, or -1 for a visitor who is no customer's user. */
  customers: Int32Array;
  slots: Uint8Array;
  /**
   * The customer's login number in its part of the log, the profile's 30 days or the days
   * before (features cycle through it); 0 if anonymous.
   */
  ordinals: Uint16Array;
  anonymous: Uint8Array;
  /** Seeds the visit's own draws: its actions and their times. */
  seeds: Uint32Array;
}

/** Share of logins preceded by a visit of page views before signing in, with no user id. */
const PRE_LOGIN_SHARE = 0.17;

/**
 * The visits of log day `logDay`: each planned login, the anonymous visit before some of them,
 * and a few visitors who are nobody's users (a login page found by search). Days are collected
 * in order: `loginsSoFar` counts each customer's logins of the part of the log being written,
 * and the caller sets it to zero where the profile's 30 days begin.
 */
export function collectDayVisits(
  run: DemoRun,
  calendar: LoginCalendar,
  logDay: number,
  loginsSoFar: Uint16Array,
): DayVisits {
  // Seeds count days from the start of the profile's 30 days, the earlier days below zero, so
  // those 30 days are drawn alike however far back the log reaches.
  const windowDay = logDay - (calendar.days - WINDOW_DAYS);
  const logins = calendar.loginsPerDay[logDay] ?? 0;
  const day = allocateDay(windowDay >= 0, 2 * logins + 2 + Math.ceil(run.customers / 200));
  const random = createRandom(0);
  const push = (start: number, customer: number, slot: number, ordinal: number, anon: boolean) => {
    const at = day.count;
    day.starts[at] = start;
    day.customers[at] = customer;
    day.slots[at] = slot;
    day.ordinals[at] = ordinal;
    day.anonymous[at] = anon ? 1 : 0;
    day.seeds[at] = mixSeed(run.seed, STREAM.visit, windowDay, at);
    day.count += 1;
  };

  for (let customer = 0; customer < run.customers; customer += 1) {
    const count = calendar.logins[customer * calendar.days + logDay] ?? 0;
    if (count === 0) continue;
    const earlier = loginsSoFar[customer] ?? 0;
    loginsSoFar[customer] = earlier + count;
    const users = calendar.users[customer] ?? 1;
    random.reseed(mixSeed(run.seed, STREAM.loginTimes, customer, windowDay));
    for (let login = 0; login < count; login += 1) {
      const start = drawLoginStart(random);
      // Several users share the work, the office manager most of all.
      const slot = random.chance(0.4) ? 0 : random.int(0, users - 1);
      push(start, customer, slot, earlier + login, false);
      if (random.chance(PRE_LOGIN_SHARE)) {
        push(start - random.int(30, 900), customer, slot, 0, true);
      }
    }
  }

  random.reseed(mixSeed(run.seed, STREAM.anonymousVisits, windowDay));
  const strangers = 1 + Math.floor(random.next() * (run.customers / 500));
  for (let visit = 0; visit < strangers; visit += 1) {
    push(random.int(3600, 16 * 3600), -1, 0, 0, true);
  }

  return day;
}

/** The day's visits by start time; equal times keep the order they were collected in. */
export function orderByStart(day: DayVisits): Uint32Array {
  // One number per visit, start then position, sorts natively and fast.
  const keys = new Float64Array(day.count);
  for (let at = 0; at < day.count; at += 1) keys[at] = (day.starts[at] ?? 0) * 2 ** 24 + at;
  keys.sort();
  const order = new Uint32Array(day.count);
  for (let at = 0; at < day.count; at += 1) order[at] = (keys[at] ?? 0) % 2 ** 24;

  return order;
}

function allocateDay(isInWindow: boolean, capacity: number): DayVisits {
  return {
    isInWindow,
    count: 0,
    starts: new Uint32Array(capacity),
    customers: new Int32Array(capacity),
    slots: new Uint8Array(capacity),
    ordinals: new Uint16Array(capacity),
    anonymous: new Uint8Array(capacity),
    seeds: new Uint32Array(capacity),
  };
}

/** Seconds after 06:00: mostly office hours, some early mornings and evenings. */
function drawLoginStart(random: Random): number {
  const draw = random.next();
  if (draw < 0.75) return random.int(2.5 * 3600, 12 * 3600);
  if (draw < 0.87) return random.int(1 * 3600, 2.5 * 3600);

  return random.int(12 * 3600, 16.5 * 3600);
}
