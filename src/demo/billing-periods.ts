import { addMonthsClamped } from "./day-numbers.js";

const SECONDS_PER_DAY = 86_400;

/** One billing period of a subscription, in Unix seconds. */
export interface BillingPeriod {
  start: number;
  end: number;
  /** How many periods came before it. */
  count: number;
}

/** The billing period of a subscription started at `startedAt` that holds `at`. */
export function findPeriodAround(
  startedAt: number,
  interval: "month" | "year",
  at: number,
): BillingPeriod {
  const step = interval === "month" ? 1 : 12;
  let count = Math.max(0, Math.floor((at - startedAt) / (SECONDS_PER_DAY * 31 * step)));
  while (shiftMonths(startedAt, (count + 1) * step) <= at) count += 1;

  return {
    start: shiftMonths(startedAt, count * step),
    end: shiftMonths(startedAt, (count + 1) * step),
    count,
  };
}

/** The starts of the periods up to `last` that began at or after `from`, oldest first. */
export function listPeriodStarts(
  startedAt: number,
  interval: "month" | "year",
  last: BillingPeriod,
  from: number,
): number[] {
  const step = interval === "month" ? 1 : 12;
  const starts: number[] = [];
  for (let count = last.count; count >= 0; count -= 1) {
    const at = shiftMonths(startedAt, count * step);
    if (at < from) break;
    starts.unshift(at);
  }

  return starts;
}

/** The same time of day `months` later, on the anniversary day (clamped to the month's end). */
export function shiftMonths(at: number, months: number): number {
  const day = Math.floor(at / SECONDS_PER_DAY);

  return addMonthsClamped(day, months) * SECONDS_PER_DAY + (at - day * SECONDS_PER_DAY);
}
