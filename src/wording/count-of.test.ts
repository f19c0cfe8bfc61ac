import { describe, expect, it } from "vitest";

import { countOf, describeDaysFromNow } from "./count-of.js";

describe("countOf", () => {
  it.each([
    [0, "0 alerts"],
    [1, "1 alert"],
    [2, "2 alerts"],
  ])("counts %i as %s", (count, text) => {
    expect(countOf(count, "alert")).toBe(text);
  });

  it("takes the plural it is given", () => {
    expect(countOf(3, "company", "companies")).toBe("3 companies");
  });
});

describe("describeDaysFromNow", () => {
  it.each([
    [7, "in 7 days"],
    [1, "tomorrow"],
    [0, "today"],
    [-1, "yesterday"],
    [-3, "3 days ago"],
    ["12", "in 12 days"],
    ["unknown", "unknown"],
  ] as const)("describes %s as %s", (days, text) => {
    expect(describeDaysFromNow(days)).toBe(text);
  });
});
