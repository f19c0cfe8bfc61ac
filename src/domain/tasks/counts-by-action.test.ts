import { describe, expect, it } from "vitest";

import { countsByAction } from "./counts-by-action.js";
import { makeTask } from "./workflow-test-kit.js";

const risk = {
  segment: "revenue_at_risk",
  label: "Revenue at Risk",
  action: "call",
  priority: 1,
} as const;
const email = {
  segment: "engagement_drop",
  label: "Engagement Drop",
  action: "re-engagement email",
  priority: 3,
} as const;

describe("countsByAction", () => {
  it("counts open tasks per alert segment in priority order, then follow-ups and check-ins", () => {
    const tasks = [
      makeTask({
        id: "c1",
        kind: "check_in",
        segment: "healthy_stable",
        action: "quarterly check-in",
        priority: 5,
      }),
      makeTask({ id: "e1", ...email }),
      makeTask({
        id: "f1",
        kind: "follow_up",
        action: "follow-up",
        ...{ segment: "engagement_drop", priority: 3 },
      }),
      makeTask({ id: "r1", ...risk }),
      makeTask({ id: "e2", ...email }),
      makeTask({ id: "f2", kind: "follow_up", action: "follow-up", priority: 1 }),
      makeTask({ id: "r2", ...risk }),
      makeTask({ id: "r3", ...risk }),
      makeTask({ id: "r4", ...risk, status: "done" }),
      makeTask({ id: "e3", ...email, status: "superseded" }),
    ];

    expect(countsByAction(tasks)).toEqual([
      {
        kind: "alert",
        segment: "revenue_at_risk",
        label: "Revenue at Risk",
        action: "call",
        count: 3,
      },
      {
        kind: "alert",
        segment: "engagement_drop",
        label: "Engagement Drop",
        action: "re-engagement email",
        count: 2,
      },
      { kind: "follow_up", segment: undefined, label: "Follow-ups", action: "follow-up", count: 2 },
      {
        kind: "check_in",
        segment: undefined,
        label: "Quarterly check-ins",
        action: "quarterly check-in",
        count: 1,
      },
    ]);
  });

  it("is empty for an empty queue", () => {
    expect(countsByAction([])).toEqual([]);
  });
});
