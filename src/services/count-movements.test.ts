import { describe, expect, it } from "vitest";

import type { SegmentOnDate } from "../storage/segments-on-date.js";
import { countMovements } from "./count-movements.js";

const entry = (customerId: string, shownSegment: SegmentOnDate["shownSegment"]): SegmentOnDate => ({
  customerId,
  segment: shownSegment,
  shownSegment,
  unknown: [],
});

const byDate: Record<string, SegmentOnDate[]> = {
  "2026-11-26": [entry("a", "healthy_stable"), entry("b", "healthy_stable"), entry("c", "none")],
  "2026-12-03": [
    entry("a", "revenue_at_risk"),
    entry("b", "revenue_at_risk"),
    entry("c", "none"),
    entry("d", "onboarding_stuck"),
  ],
};
const store = { listSegmentsOn: (date: string) => Promise.resolve(byDate[date] ?? []) };

describe("countMovements", () => {
  it("counts each pair of segments, the largest first, and the customers new since", async () => {
    expect(await countMovements(store, "2026-12-03", "2026-11-26")).toEqual({
      since: "2026-11-26",
      until: "2026-12-03",
      moves: [{ from: "healthy_stable", to: "revenue_at_risk", customers: 2 }],
      unchanged: 1,
      appeared: 1,
    });
  });

  it("has nothing to say without an earlier run", async () => {
    expect(await countMovements(store, "2026-12-03", undefined)).toMatchObject({
      moves: [],
      unchanged: 0,
      appeared: 0,
    });
  });
});
