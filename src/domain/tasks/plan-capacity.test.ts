import { describe, expect, it } from "vitest";

import { planCapacity } from "./plan-capacity.js";
import type { Task } from "./task.js";
import { makeTask } from "./workflow-test-kit.js";

// Wednesday 11 March 2026: the week runs Monday 9 to Sunday 15 March.
const TODAY = "2026-03-11";

function queue(count: number, dueDate = TODAY): Task[] {
  return Array.from({ length: count }, (_, index) => makeTask({ id: `t${index + 1}`, dueDate }));
}

const fits = (tasks: Task[], capacity: number, done: number) =>
  planCapacity(tasks, capacity, done, TODAY).items.map((item) => item.fit);

describe("planCapacity", () => {
  it.each([
    ["2026-03-09", "2026-03-09", "2026-03-15"],
    ["2026-03-11", "2026-03-09", "2026-03-15"],
    ["2026-03-15", "2026-03-09", "2026-03-15"],
    ["2026-03-16", "2026-03-16", "2026-03-22"],
  ])("on %s the week is %s to %s", (today, from, to) => {
    expect(planCapacity([], 250, 0, today).week).toEqual({ from, to });
  });

  it.each([
    // capacity, done this week, tasks, fitting, over
    [250, 0, 250, 250, 0],
    [250, 0, 251, 250, 1],
    [250, 249, 2, 1, 1],
    [250, 250, 3, 0, 3],
    [250, 260, 3, 0, 3],
    [5, 0, 0, 0, 0],
  ])("capacity %i, %i done, %i due: %i fit, %i over", (capacity, done, count, fit, over) => {
    const plan = planCapacity(queue(count), capacity, done, TODAY);
    expect(plan.counts).toEqual({ this_week: fit, over_capacity: over, later: 0 });
    expect(plan.remaining).toBe(Math.max(0, capacity - done));
  });

  it("fills the week in queue order, so what does not fit is the end of the queue", () => {
    expect(fits(queue(4), 10, 8)).toEqual([
      "this_week",
      "this_week",
      "over_capacity",
      "over_capacity",
    ]);
  });

  it("counts overdue tasks and tasks due on Sunday, and leaves later ones out", () => {
    const tasks = [
      makeTask({ id: "overdue", dueDate: "2026-03-02" }),
      makeTask({ id: "later", dueDate: "2026-03-16" }),
      makeTask({ id: "sunday", dueDate: "2026-03-15" }),
      makeTask({ id: "over", dueDate: "2026-03-12" }),
    ];

    expect(fits(tasks, 2, 0)).toEqual(["this_week", "later", "this_week", "over_capacity"]);
  });
});
