import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";

import { listDays } from "./add-days.js";
import type { CalendarDate } from "./dates.js";
import { decideLastLogin, describeLoginCoverage } from "./login-coverage.js";

/** Every date from `first` to `last`, both included. */

const without = (days: CalendarDate[], ...gone: CalendarDate[]) =>
  days.filter((day) => !gone.includes(day));

describe("describeLoginCoverage", () => {
  // As of 2026-12-03 with a 30-day window, the window is 2026-11-03 to 2026-12-02.
  it.each<[string, CalendarDate[], boolean, CalendarDate | undefined]>([
    ["exactly the window", listDays("2026-11-03", "2026-12-02"), true, "2026-11-03"],
    ["the window and more before it", listDays("2026-10-01", "2026-12-02"), true, "2026-10-01"],
    ["all but the window's first day", listDays("2026-11-04", "2026-12-02"), false, "2026-11-04"],
    [
      "all but the day before the evaluation date",
      listDays("2026-11-03", "2026-12-01"),
      false,
      undefined,
    ],
    [
      "a one-day gap inside",
      without(listDays("2026-11-03", "2026-12-02"), "2026-11-20"),
      false,
      "2026-11-21",
    ],
    [
      "days on and after the evaluation date, which do not count",
      listDays("2026-11-03", "2026-12-05"),
      true,
      "2026-11-03",
    ],
    ["only days after the evaluation date", listDays("2026-12-03", "2026-12-09"), false, undefined],
    ["nothing", [], false, undefined],
    ["the window out of order", listDays("2026-11-03", "2026-12-02").reverse(), true, "2026-11-03"],
  ])("%s", (_, covered, windowCovered, stretchStart) => {
    expect(describeLoginCoverage(covered, "2026-12-03", 30)).toEqual({
      asOf: "2026-12-03",
      windowCovered,
      stretchStart,
    });
  });

  it.each<[CalendarDate, number, CalendarDate, boolean]>([
    // Across a year end: 2025-12-06 to 2026-01-04.
    ["2026-01-05", 30, "2025-12-06", true],
    ["2026-01-05", 30, "2025-12-07", false],
    // A window of one day in a leap year is 29 February.
    ["2028-03-01", 1, "2028-02-29", true],
    ["2028-03-01", 2, "2028-02-29", false],
  ])("as of %s with %i days, covered from %s: %s", (asOf, usageDays, first, windowCovered) => {
    const covered = listDays(first, Temporal.PlainDate.from(asOf).subtract({ days: 1 }).toString());

    expect(describeLoginCoverage(covered, asOf, usageDays).windowCovered).toBe(windowCovered);
  });
});

describe("decideLastLogin", () => {
  const stretch = describeLoginCoverage(listDays("2026-11-20", "2026-12-02"), "2026-12-03", 30);
  const noStretch = describeLoginCoverage(listDays("2026-11-01", "2026-12-01"), "2026-12-03", 30);

  it.each([
    [
      "a login the day before, in the stretch",
      stretch,
      "2026-12-02",
      { kind: "date", date: "2026-12-02" },
    ],
    [
      "a login on the stretch's first day",
      stretch,
      "2026-11-20",
      { kind: "date", date: "2026-11-20" },
    ],
    [
      "a login the day before the stretch: every later day is covered",
      stretch,
      "2026-11-19",
      { kind: "date", date: "2026-11-19" },
    ],
    [
      "a login two days before the stretch: a day in between is not covered",
      stretch,
      "2026-11-18",
      { kind: "none_since", date: "2026-11-20" },
    ],
    ["no login, with a stretch", stretch, undefined, { kind: "none_since", date: "2026-11-20" }],
    [
      "a login the day before, that day uncovered",
      noStretch,
      "2026-12-02",
      { kind: "date", date: "2026-12-02" },
    ],
    ["an earlier login, the day before uncovered", noStretch, "2026-12-01", undefined],
    ["no login, the day before uncovered", noStretch, undefined, undefined],
  ])("%s", (_, coverage, lastLoginDate, expected) => {
    expect(decideLastLogin(lastLoginDate, coverage)).toEqual(expected);
  });
});
