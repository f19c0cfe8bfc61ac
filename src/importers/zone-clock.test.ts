import { describe, expect, it } from "vitest";

import { createZoneClock, normalizeZone } from "./zone-clock.js";

describe("createZoneClock", () => {
  it("gives each instant its date in the zone, east and west of UTC", () => {
    const instant = 1265047200; // 2010-02-01 18:00 UTC

    expect(createZoneClock("UTC").dateOf(instant)).toBe("2010-02-01");
    expect(createZoneClock("Pacific/Kiritimati").dateOf(instant)).toBe("2010-02-02");
    expect(createZoneClock("Etc/GMT+12").dateOf(instant - 7 * 3600)).toBe("2010-01-31");
  });

  it("keeps dates right across a day's bounds and clock changes, in any order", () => {
    const london = createZoneClock("Europe/London");
    // 2026-03-29: clocks go forward at 01:00 UTC; the day is 23 hours long.
    const cases: [number, string][] = [
      [Date.UTC(2026, 2, 28, 23, 59, 59) / 1000, "2026-03-28"],
      [Date.UTC(2026, 2, 29, 0, 0, 0) / 1000, "2026-03-29"],
      [Date.UTC(2026, 2, 29, 22, 59, 59) / 1000, "2026-03-29"],
      [Date.UTC(2026, 2, 29, 23, 0, 0) / 1000, "2026-03-30"],
    ];
    for (const [seconds, date] of [...cases, ...cases.reverse()]) {
      expect(london.dateOf(seconds)).toBe(date);
    }
    expect(london.startOf("2026-03-30")).toBe(Date.UTC(2026, 2, 29, 23) / 1000);
  });

  it("reads a wall-clock time in the zone, moving a skipped time forward", () => {
    const london = createZoneClock("Europe/London");
    const wall = { year: 2026, month: 3, day: 29, hour: 1, minute: 30, second: 0 };

    expect(london.epochSecondsOf(wall)).toBe(Date.UTC(2026, 2, 29, 1, 30) / 1000);
  });
});

describe("normalizeZone", () => {
  it.each([
    ["Europe/London", "Europe/London"],
    ["UTC-12", "-12:00"],
    ["UTC+14", "+14:00"],
    ["UTC+5.5", "+05:30"],
    ["Mars/Olympus", undefined],
  ])("reads %j as %j", (zone, normalized) => {
    expect(normalizeZone(zone)).toBe(normalized);
  });
});
