import { describe, expect, it } from "vitest";

import { loadRulesOrFail } from "../../rules/load-rules.js";
import { decideSegment } from "../decide-segment.js";
import { chooseShownSegment } from "./choose-shown-segment.js";
import type { Resolution } from "./task.js";
import { SETTINGS, makeFacts, makeTask } from "./workflow-test-kit.js";

const rules = loadRulesOrFail();
const resolution: Resolution = {
  customerId: "1001",
  resolvedOn: "2026-03-01",
  resolvedBy: "Alex Morgan",
  segment: "revenue_at_risk",
  signals: [],
  taskId: "a1",
};
const decisionOn = (date: string) =>
  decideSegment(makeFacts({ contractEndDate: "2026-04-10", supportTickets: 3 }), date, rules);

describe("chooseShownSegment", () => {
  it.each([
    ["2026-03-01", "healthy_stable"],
    ["2026-03-31", "healthy_stable"],
    ["2026-04-01", "revenue_at_risk"],
  ])("a customer resolved on 1 March shows on %s as %s", (today, segment) => {
    expect(
      chooseShownSegment(decisionOn(today), resolution, undefined, today, SETTINGS).segment,
    ).toBe(segment);
  });

  it("shows who resolved it and when", () => {
    expect(
      chooseShownSegment(decisionOn("2026-03-05"), resolution, undefined, "2026-03-05", SETTINGS),
    ).toEqual({
      segment: "healthy_stable",
      resolvedBy: "Alex Morgan",
      resolvedOn: "2026-03-01",
    });
  });

  it("shows the decision's segment while an alert is open, and without a resolution", () => {
    const alert = makeTask({ createdOn: "2026-03-04" });
    expect(
      chooseShownSegment(decisionOn("2026-03-05"), resolution, alert, "2026-03-05", SETTINGS),
    ).toEqual({
      segment: "revenue_at_risk",
    });
    expect(
      chooseShownSegment(decisionOn("2026-03-05"), undefined, undefined, "2026-03-05", SETTINGS),
    ).toEqual({
      segment: "revenue_at_risk",
    });
  });
});
