import { describe, expect, it } from "vitest";

import { applyTaskChanges } from "./apply-task-changes.js";
import { applyResolutionChanges } from "./apply-resolution-changes.js";
import type { Resolution, Signal } from "./task.js";
import { makeTask } from "./workflow-test-kit.js";

const signal = (key: string): Signal => ({
  key,
  text: key,
  condition: { fact: "plan", in: [key] },
});

describe("applyTaskChanges", () => {
  const alert = makeTask({ id: "a1" });
  const followUp = makeTask({ id: "f1", kind: "follow_up", signals: [signal("x"), signal("y")] });

  it("applies each kind of change and leaves its input as it was", () => {
    const tasks = [alert, followUp];
    const created = makeTask({ id: "a2", createdOn: "2026-03-11" });

    const after = applyTaskChanges(
      tasks,
      [
        { type: "create", task: created },
        { type: "supersede", taskId: "a1", byTaskId: "a2", reason: "escalated" },
        { type: "forget_signals", target: { kind: "follow_up", taskId: "f1" }, keys: ["x"] },
      ],
      "2026-03-11",
    );

    expect(tasks).toEqual([alert, followUp]);
    expect(after.map((task) => [task.id, task.status, task.closedOn])).toEqual([
      ["a1", "superseded", "2026-03-11"],
      ["f1", "open", undefined],
      ["a2", "open", undefined],
    ]);
    expect(after[1]?.signals.map((s) => s.key)).toEqual(["y"]);
  });

  it.each([
    ["complete", "done"],
    ["clear", "cleared"],
    ["close", "closed"],
  ] as const)("%s leaves the task %s with its reason", (type, status) => {
    const [task] = applyTaskChanges([alert], [{ type, taskId: "a1", reason: "why" }], "2026-03-12");
    expect(task).toMatchObject({ status, closedReason: "why", closedOn: "2026-03-12" });
  });

  it("refuses a change to a task that is missing or closed", () => {
    const clear = { type: "clear", taskId: "a1", reason: "gone" } as const;
    expect(() => applyTaskChanges([], [clear], "2026-03-12")).toThrow("no task a1");
    const done = makeTask({ id: "a1", status: "done" });
    expect(() => applyTaskChanges([done], [clear], "2026-03-12")).toThrow("already done");
  });
});

describe("applyResolutionChanges", () => {
  const resolution: Resolution = {
    customerId: "1001",
    resolvedOn: "2026-03-01",
    resolvedBy: "Alex Morgan",
    segment: "revenue_at_risk",
    signals: [signal("x"), signal("y")],
    taskId: "a1",
  };

  it("forgets the signals named for this resolution only", () => {
    const after = applyResolutionChanges(resolution, [
      {
        type: "forget_signals",
        target: { kind: "resolution", resolvedOn: "2026-03-01" },
        keys: ["x"],
      },
      {
        type: "forget_signals",
        target: { kind: "resolution", resolvedOn: "2026-02-01" },
        keys: ["y"],
      },
    ]);
    expect(after?.signals.map((s) => s.key)).toEqual(["y"]);
    expect(applyResolutionChanges(resolution, [])).toBe(resolution);
    expect(applyResolutionChanges(undefined, [])).toBeUndefined();
  });
});
