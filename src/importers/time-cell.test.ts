import { describe, expect, it } from "vitest";

import {
  dateCell,
  dateOrNeverCell,
  instantCell,
  instantDateCell,
  unixSecondsCell,
} from "./time-cell.js";
import { createZoneClock } from "./zone-clock.js";

const utc = createZoneClock("UTC");
const london = createZoneClock("Europe/London");
const newYork = createZoneClock("America/New_York");
const kiritimati = createZoneClock("Pacific/Kiritimati");

describe("date cells", () => {
  it.each([
    ["2027-03-15", "2027-03-15"],
    ["2027-03-15 00:00:00", "2027-03-15"],
    ["2027-03-15T00:00:00.000Z", "2027-03-15"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %j as the date %s, ignoring any time", (text, date) => {
    expect(dateCell(text)).toEqual({ value: date });
  });

  it.each(["15/03/2027", "2027-02-30", "2023-02-29", "03/15/27", "20270315", "2027-3-15"])(
    "rejects %j, naming the expected form",
    (text) => {
      expect(dateCell(text)).toEqual({ expected: "a date YYYY-MM-DD" });
    },
  );

  it("accepts never for a last login", () => {
    expect(dateOrNeverCell("Never")).toEqual({ value: "never" });
    expect(dateOrNeverCell("yesterday")).toEqual({ expected: "a date YYYY-MM-DD, or never" });
  });
});

describe("instant cells", () => {
  it.each([
    ["2024-03-01 10:42", utc, 1709289720],
    ["2024-03-01 10:42:00", utc, 1709289720],
    ["2019-09-15 2:50:54", utc, 1568515854],
    ["2020-07-09 11:06:21.056000", utc, 1594292781],
    ["2024-07-01 10:42", london, 1719826920],
    ["2024-03-01 10:42", newYork, 1709307720],
    ["2024-03-01T10:42:00Z", newYork, 1709289720],
    ["2024-03-01 11:42 +01:00", utc, 1709289720],
  ])("reads %j in its zone", (text, clock, seconds) => {
    expect(instantCell(clock)(text)).toEqual({ value: seconds });
  });

  it("keeps an instant as its date in the team's zone", () => {
    expect(instantDateCell(newYork, london)("2026-11-30 23:59")).toEqual({ value: "2026-12-01" });
    expect(instantDateCell(utc, kiritimati)("2026-11-30 23:30:00")).toEqual({
      value: "2026-12-01",
    });
    expect(instantDateCell(utc, london)("2026-11-30 23:30:00")).toEqual({ value: "2026-11-30" });
  });

  it("rejects Unix times in milliseconds", () => {
    expect(unixSecondsCell("1795593600")).toEqual({ value: 1795593600 });
    expect(unixSecondsCell("1795593600000")).toEqual({
      expected: "a Unix time in seconds (this looks like milliseconds)",
    });
  });
});
