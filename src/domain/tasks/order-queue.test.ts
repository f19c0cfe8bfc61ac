import { describe, expect, it } from "vitest";

import { loadRulesOrFail } from "../../rules/load-rules.js";
import type { Rules } from "../rules.js";
import { orderQueue } from "./order-queue.js";
import type { Task } from "./task.js";
import { makeTask } from "./workflow-test-kit.js";

const rules = loadRulesOrFail();
const at = (iso: string) => Date.parse(iso) / 1000;

function task(id: string, overrides: Partial<Task> & { renewal?: string; name?: string }): Task {
  const { renewal, name, ...rest } = overrides;
  const base = makeTask({ id, ...rest });
  return {
    ...base,
    context: {
      ...base.context,
      contractEndDate: renewal,
      companyName: name ?? base.context.companyName,
    },
  };
}

const ids = (tasks: Task[]) => tasks.map((t) => t.id);

describe("orderQueue", () => {
  it("orders by segment precedence, then due, then days to renewal", () => {
    const queue = [
      task("expansion", { segment: "expansion_opportunity", dueAt: at("2026-03-09T09:00Z") }),
      task("checkin", { kind: "check_in", segment: "healthy_stable", dueAt: 0 }),
      task("risk-late", { dueAt: at("2026-03-11T09:00Z"), renewal: "2026-03-20" }),
      task("onboarding", { segment: "onboarding_stuck", dueAt: at("2026-03-10T09:00Z") }),
      task("risk-far", { dueAt: at("2026-03-10T09:00Z"), renewal: "2026-05-01" }),
      task("risk-near", { dueAt: at("2026-03-10T09:00Z"), renewal: "2026-04-01" }),
      task("risk-followup", { kind: "follow_up", dueAt: at("2026-03-10T08:00Z") }),
      task("engagement", { segment: "engagement_drop", dueAt: at("2026-03-08T09:00Z") }),
    ];

    expect(ids(orderQueue(queue, rules))).toEqual([
      "risk-followup",
      "risk-near",
      "risk-far",
      "risk-late",
      "onboarding",
      "engagement",
      "expansion",
      "checkin",
    ]);
  });

  it("puts unknown renewals last, then breaks ties by company name and id", () => {
    const queue = [
      task("b2", { renewal: undefined, name: "Beacon Homes" }),
      task("c1", { renewal: "2026-04-01", name: "Zenith Lettings" }),
      task("b1", { renewal: undefined, name: "Beacon Homes" }),
      task("a1", { renewal: undefined, name: "Abbey Estates" }),
      task("c0", { renewal: "2026-04-01", name: "Acorn Realty" }),
    ];

    expect(ids(orderQueue(queue, rules))).toEqual(["c0", "c1", "a1", "b1", "b2"]);
  });

  it("follows the configured precedence and leaves its input alone", () => {
    const swapped: Rules = {
      ...rules,
      precedence: [
        "revenue_at_risk",
        "engagement_drop",
        "onboarding_stuck",
        "expansion_opportunity",
        "healthy_stable",
      ],
    };
    const queue = [
      task("onboarding", { segment: "onboarding_stuck" }),
      task("engagement", { segment: "engagement_drop" }),
    ];

    expect(ids(orderQueue(queue, rules))).toEqual(["onboarding", "engagement"]);
    expect(ids(orderQueue(queue, swapped))).toEqual(["engagement", "onboarding"]);
    expect(ids(queue)).toEqual(["onboarding", "engagement"]);
  });
});
