import { describe, expect, it } from "vitest";

import { RULES } from "../services/daily-test-kit.js";
import { emptySegmentCounts, emptyTaskTally, type RunSummary } from "../services/run-summary.js";
import { formatRunSummary } from "./format-run-summary.js";

function summaryWith(historyChanges: number): RunSummary {
  return {
    runId: 7,
    date: "2026-12-04",
    startedAt: 1_796_374_800,
    finishedAt: 1_796_374_802,
    degraded: false,
    customers: 3,
    segments: { ...emptySegmentCounts(RULES), healthy_stable: 3 },
    shownResolved: 0,
    canceled: 0,
    departed: 0,
    historyChanges,
    tasks: emptyTaskTally(),
    sources: [],
    failures: [],
  };
}

describe("formatRunSummary", () => {
  it("counts the history's changes in words that agree with the number", () => {
    const lines = (changes: number) =>
      formatRunSummary(summaryWith(changes), RULES)
        .split("\n")
        .filter((line) => line.includes("History:"));

    expect(lines(1)).toEqual(["  History:  1 customer's decision or facts changed"]);
    expect(lines(848)).toEqual(["  History:  848 customers' decisions or facts changed"]);
    expect(lines(0)).toEqual(["  History:  0 customers' decisions or facts changed"]);
  });
});
