import { describe, expect, it } from "vitest";

import { FirstLineOfVisit } from "./first-line-of-visit.js";

describe("FirstLineOfVisit", () => {
  it("remembers the first line of many visits across sites, through its growth", () => {
    const lines = new FirstLineOfVisit();
    for (let visit = 1; visit <= 50_000; visit++) {
      lines.set("1", String(visit), visit + 1);
      lines.set("2", String(visit * 7), visit + 100_000);
    }

    expect(lines.get("1", "1")).toBe(2);
    expect(lines.get("1", "50000")).toBe(50_001);
    expect(lines.get("2", "7")).toBe(100_001);
    expect(lines.get("2", "1")).toBeUndefined();
    expect(lines.get("3", "1")).toBeUndefined();
    expect(lines.get("1", "50001")).toBeUndefined();
  });

  it("keeps ids that are not small integers as text", () => {
    const lines = new FirstLineOfVisit();
    lines.set("1", "123456789012", 5);
    lines.set("1", "abc", 6);
    for (let site = 0; site < 20; site++) lines.set(`site${site}`, "42", site);

    expect(lines.get("1", "123456789012")).toBe(5);
    expect(lines.get("1", "abc")).toBe(6);
    expect(lines.get("site19", "42")).toBe(19);
    expect(lines.get("site0", "42")).toBe(0);
  });
});
