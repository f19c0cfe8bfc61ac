import { describe, expect, it } from "vitest";

import { findPeriodAround, listPeriodStarts, shiftMonths } from "./billing-periods.js";
import { formatUtcMinutes } from "./day-numbers.js";

// 2026-01-31 10:15 UTC
const JAN_31 = Date.UTC(2026, 0, 31, 10, 15) / 1000;
const at = (text: string) => Date.parse(`${text.replace(" ", "T")}:00Z`) / 1000;

describe("billing periods", () => {
  it("renew on the start's day of the month, clamped to shorter months, at the same time", () => {
    expect(formatUtcMinutes(shiftMonths(JAN_31, 1))).toBe("2026-02-28 10:15");
    expect(formatUtcMinutes(shiftMonths(JAN_31, 2))).toBe("2026-03-31 10:15");
    expect(formatUtcMinutes(shiftMonths(JAN_31, 12))).toBe("2027-01-31 10:15");
  });

  it("find the period holding a time, and count the ones before it", () => {
    const period = findPeriodAround(JAN_31, "month", at("2026-03-31 10:14"));

    expect(formatUtcMinutes(period.start)).toBe("2026-02-28 10:15");
    expect(formatUtcMinutes(period.end)).toBe("2026-03-31 10:15");
    expect(period.count).toBe(1);
    expect(findPeriodAround(JAN_31, "year", at("2027-01-31 10:15")).count).toBe(1);
  });

  it("list the period starts from a time on, oldest first", () => {
    const last = findPeriodAround(JAN_31, "month", at("2026-06-15 00:00"));
    const starts = listPeriodStarts(JAN_31, "month", last, at("2026-03-01 00:00"));

    expect(starts.map(formatUtcMinutes)).toEqual([
      "2026-03-31 10:15",
      "2026-04-30 10:15",
      "2026-05-31 10:15",
    ]);
  });
});
