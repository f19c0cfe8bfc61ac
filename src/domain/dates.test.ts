import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";

import { addDays } from "./add-days.js";
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

describe("daysBetween and addDays agree with Temporal", () => {
  // Both count by plain arithmetic, for speed: Temporal's ISO calendar is the reference.
  const isoDate = fc
    .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9998-12-31T00:00:00Z") })
    .filter((date) => !Number.isNaN(date.getTime()))
    .map((date) => date.toISOString().slice(0, 10));

  it("counts the same days between any two dates", () => {
    fc.assert(
      fc.property(isoDate, isoDate, (from, to) => {
        const expected = Temporal.PlainDate.from(from).until(to, { largestUnit: "day" }).days;
        expect(daysBetween(from, to)).toBe(expected);
      }),
    );
  });

  it("adds the same days to any date", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -3000, max: 3000 }), (date, days) => {
        expect(addDays(date, days)).toBe(Temporal.PlainDate.from(date).add({ days }).toString());
      }),
    );
  });

  it.each([
    ["2028-02-28", 1, "2028-02-29"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2100-02-28", 1, "2100-03-01"],
    ["2000-02-28", 1, "2000-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["0000-01-05", -10, "-000001-12-26"],
  ])("%s plus %i days is %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, addDays(date, days))).toBe(days);
  });
});
