import { describe, expect, it } from "vitest";

import { daysBetween, isCalendarDate } from "./dates.js";

describe("isCalendarDate", () => {
  it.each(["2026-12-03", "2028-02-29", "2026-01-01", "2026-12-31"])("accepts %s", (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each([
    ["2026-13-45", "no month 13"],
    ["2026-02-29", "2026 is not a leap year"],
    ["2026-04-31", "April has 30 days"],
    ["2026-00-10", "no month 0"],
    ["2026-1-5", "digits not padded"],
    ["03/12/2026", "a spreadsheet's date"],
    ["2026-12-03T09:00", "a time"],
    [" 2026-12-03", "surrounding space"],
    ["", "empty"],
  ])("refuses %s (%s)", (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });
});

describe("daysBetween", () => {
  it.each([
    ["2026-12-03", "2026-12-03", 0],
    ["2026-12-03", "2027-02-01", 60],
    ["2026-12-03", "2027-02-02", 61],
    ["2026-12-03", "2026-11-19", -14],
    // Leap day: 2028 has one, 2027 does not.
    ["2028-02-28", "2028-03-01", 2],
    ["2027-02-28", "2027-03-01", 1],
    // Across the daylight-saving changes of Europe and the US: still whole calendar days.
    ["2026-03-28", "2026-03-30", 2],
    ["2026-10-24", "2026-10-26", 2],
    ["2026-03-07", "2026-03-09", 2],
    ["2026-10-31", "2026-11-02", 2],
    ["2025-12-31", "2027-01-01", 366],
  ])("from %s to %s is %i days", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(daysBetween(to, from) + days).toBe(0);
  });
});
