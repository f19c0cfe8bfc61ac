import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";

import {
  addMonthsClamped,
  addYearsClamped,
  dateOfDayNumber,
  dayNumberOf,
  formatDayAndMinute,
  formatUtcMinutes,
  formatUtcSeconds,
  weekdayOf,
} from "./day-numbers.js";

describe("day numbers", () => {
  it("agree with Temporal on every day from 1999 to 2031", () => {
    const epoch = Temporal.PlainDate.from("1970-01-01");
    for (
      let date = Temporal.PlainDate.from("1999-01-01");
      Temporal.PlainDate.compare(date, Temporal.PlainDate.from("2031-12-31")) <= 0;
      date = date.add({ days: 1 })
    ) {
      const day = epoch.until(date).days;
      expect(dayNumberOf(date.toString())).toBe(day);
      expect(dateOfDayNumber(day)).toBe(date.toString());
      expect(weekdayOf(day)).toBe(date.dayOfWeek % 7);
    }
  });

  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2026-01-15", -13, "2024-12-15"],
  ])("adds months to %s: %i gives %s, clamped to the month's end", (from, months, to) => {
    expect(dateOfDayNumber(addMonthsClamped(dayNumberOf(from), months))).toBe(to);
  });

  it("moves 29 February to 28 February in other years", () => {
    expect(dateOfDayNumber(addYearsClamped(dayNumberOf("2028-02-29"), 1))).toBe("2029-02-28");
    expect(dateOfDayNumber(addYearsClamped(dayNumberOf("2027-03-01"), -1))).toBe("2026-03-01");
  });

  it("formats instants in UTC and wall-clock times as the exports write them", () => {
    // 2026-11-03T07:11:43Z
    expect(formatUtcSeconds(1_793_689_903)).toBe("2026-11-03 07:11:43");
    expect(formatUtcMinutes(1_793_689_903)).toBe("2026-11-03 07:11");
    expect(formatUtcSeconds(0)).toBe("1970-01-01 00:00:00");
    expect(formatDayAndMinute(dayNumberOf("2024-03-01"), 10 * 60 + 42)).toBe("2024-03-01 10:42");
  });
});
