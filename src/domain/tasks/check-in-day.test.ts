import { describe, expect, it } from "vitest";

import { daysBetween } from "../dates.js";
import { checkInDay } from "./check-in-day.js";
import { countDaysOf, firstDayOf, quarterOf, type Quarter } from "./quarter.js";

const Q2_2026: Quarter = { year: 2026, quarter: 2 };

/** 850 customers with HubSpot-like ids: sequential numbers, as a portal hands them out. */
const CUSTOMERS = Array.from({ length: 850 }, (_, index) => String(18_000_000_000 + index));

describe("quarters", () => {
  it.each([
    ["2026-01-01", { year: 2026, quarter: 1 }, "2026-01-01", 90],
    ["2026-03-31", { year: 2026, quarter: 1 }, "2026-01-01", 90],
    ["2028-02-29", { year: 2028, quarter: 1 }, "2028-01-01", 91],
    ["2026-04-01", { year: 2026, quarter: 2 }, "2026-04-01", 91],
    ["2026-09-30", { year: 2026, quarter: 3 }, "2026-07-01", 92],
    ["2026-12-31", { year: 2026, quarter: 4 }, "2026-10-01", 92],
  ] as const)("%s is in %o, which starts %s and has %i days", (date, quarter, first, days) => {
    expect(quarterOf(date)).toEqual(quarter);
    expect(firstDayOf(quarter)).toBe(first);
    expect(countDaysOf(quarter)).toBe(days);
  });
});

describe("checkInDay", () => {
  it("is the same every time for the same customer and quarter", () => {
    expect(checkInDay("1001", Q2_2026)).toBe(checkInDay("1001", { year: 2026, quarter: 2 }));
  });

  it("falls inside the quarter, for every quarter length", () => {
    const quarters: Quarter[] = [1, 2, 3, 4].map((q) => ({ year: 2028, quarter: q as 1 }));
    for (const quarter of quarters) {
      for (const id of CUSTOMERS) {
        expect(quarterOf(checkInDay(id, quarter))).toEqual(quarter);
      }
    }
  });

  it("keeps a customer about a quarter apart from one check-in to the next", () => {
    for (const id of CUSTOMERS.slice(0, 100)) {
      const gap = daysBetween(checkInDay(id, Q2_2026), checkInDay(id, { year: 2026, quarter: 3 }));
      expect(gap).toBeGreaterThanOrEqual(90);
      expect(gap).toBeLessThanOrEqual(92);
    }
  });

  it("spreads 850 customers evenly over the quarter's days", () => {
    const days = countDaysOf(Q2_2026);
    const perDay = new Array<number>(days).fill(0);
    for (const id of CUSTOMERS) {
      const offset = daysBetween(firstDayOf(Q2_2026), checkInDay(id, Q2_2026));
      perDay[offset] = (perDay[offset] ?? 0) + 1;
    }

    // About 9.3 a day: no day empty, none over twice the mean.
    expect(Math.min(...perDay)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perDay)).toBeLessThanOrEqual(Math.ceil((2 * 850) / days));

    // The running total never strays further from an even spread than chance would allow for
    // 850 uniform draws (Kolmogorov-Smirnov at the 1% level: 1.63 / sqrt(850) ≈ 0.056).
    let running = 0;
    perDay.forEach((count, index) => {
      running += count;
      expect(Math.abs(running / 850 - (index + 1) / days)).toBeLessThan(0.056);
    });

    // Each month of the quarter gets close to a third.
    const months = new Map<string, number>();
    for (const id of CUSTOMERS) {
      const month = checkInDay(id, Q2_2026).slice(0, 7);
      months.set(month, (months.get(month) ?? 0) + 1);
    }
    expect([...months.keys()].sort()).toEqual(["2026-04", "2026-05", "2026-06"]);
    for (const count of months.values()) expect(Math.abs(count - 850 / 3)).toBeLessThan(850 * 0.05);
  });
});
