import { describe, expect, it } from "vitest";

import { computeDue, computeDueOn } from "./compute-due.js";

const at = (iso: string) => Date.parse(iso) / 1000;

describe("computeDue", () => {
  it.each([
    // due, run date, zone, due instant, due date
    [{ hours: 24 }, "2026-03-10", "Europe/London", "2026-03-11T09:00:00Z", "2026-03-11"],
    [{ hours: 24 }, "2026-03-10", "America/Los_Angeles", "2026-03-11T16:00:00Z", "2026-03-11"],
    [{ hours: 24 }, "2026-03-10", "Pacific/Kiritimati", "2026-03-10T19:00:00Z", "2026-03-11"],
    [{ hours: 4 }, "2026-03-10", "Europe/Berlin", "2026-03-10T12:00:00Z", "2026-03-10"],
    [{ hours: 16 }, "2026-03-10", "Europe/Berlin", "2026-03-11T00:00:00Z", "2026-03-11"],
    [{ days: 2 }, "2026-03-10", "Europe/London", "2026-03-12T09:00:00Z", "2026-03-12"],
    [{ days: 3 }, "2026-12-30", "Europe/London", "2027-01-02T09:00:00Z", "2027-01-02"],
    [{ every: "quarter" }, "2026-03-10", "Europe/London", "2026-03-17T09:00:00Z", "2026-03-17"],
  ] as const)("%o from %s in %s is %s", (due, runDate, zone, instant, date) => {
    expect(computeDue(due, runDate, zone)).toEqual({ dueAt: at(instant), dueDate: date });
  });

  it("counts hours as elapsed time across a daylight-saving change", () => {
    // London moves to BST in the night to 29 March 2026: 24 hours after 09:00 GMT is 10:00 BST.
    expect(computeDue({ hours: 24 }, "2026-03-28", "Europe/London")).toEqual({
      dueAt: at("2026-03-29T09:00:00Z"),
      dueDate: "2026-03-29",
    });
  });

  it("counts days as calendar days, due at 09:00 local time after the change", () => {
    expect(computeDue({ days: 2 }, "2026-03-28", "Europe/London")).toEqual({
      dueAt: at("2026-03-30T08:00:00Z"),
      dueDate: "2026-03-30",
    });
  });
});

describe("computeDueOn", () => {
  it("is 09:00 on the date in the team's zone", () => {
    expect(computeDueOn("2026-07-01", "America/Los_Angeles")).toEqual({
      dueAt: at("2026-07-01T16:00:00Z"),
      dueDate: "2026-07-01",
    });
  });
});
