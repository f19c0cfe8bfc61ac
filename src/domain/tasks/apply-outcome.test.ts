import { describe, expect, it } from "vitest";

import { CsopsError } from "../../errors.js";
import { applyOutcome, type ApplyOutcomeInput } from "./apply-outcome.js";
import type { OutcomeInput } from "./outcome.js";
import type { Signal } from "./task.js";
import { SETTINGS, makeIdFactory, makeTask } from "./workflow-test-kit.js";

const TODAY = "2026-03-10";
const PAYMENT: Signal = {
  key: "payment_failed is true",
  text: "payment_failed = true (is true)",
  condition: { fact: "payment_failed", is: true },
};
const alert = makeTask({ id: "a1", signals: [PAYMENT], owner: "Sam Patel" });
const followUp = makeTask({ id: "f1", kind: "follow_up", title: "Follow up: Derras Real Estate" });
const otherCustomer = makeTask({ id: "x1", customerId: "2002" });

function log(outcome: Partial<OutcomeInput>, overrides: Partial<ApplyOutcomeInput> = {}) {
  return applyOutcome({
    outcome: {
      taskId: "a1",
      contact: "reached",
      issue: "payment",
      result: "resolved",
      note: "  Card replaced while on the phone. ",
      loggedBy: "Sam Patel",
      loggedAt: 1_773_140_000,
      ...outcome,
    },
    tasks: [alert, followUp, otherCustomer],
    today: TODAY,
    settings: SETTINGS,
    newTaskId: makeIdFactory("n"),
    ...overrides,
  });
}

function errorOf(run: () => unknown): CsopsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsopsError) return error;
    throw error;
  }
  throw new Error("expected a CsopsError");
}

describe("applyOutcome", () => {
  it("resolved: the task is done and the customer resolved with the task's signals", () => {
    const effect = log({ result: "resolved" });

    expect(effect.changes).toEqual([
      { type: "complete", taskId: "a1", reason: "resolved (logged by Sam Patel)" },
    ]);
    expect(effect.resolution).toEqual({
      customerId: "1001",
      resolvedOn: TODAY,
      resolvedBy: "Sam Patel",
      segment: "revenue_at_risk",
      signals: [PAYMENT],
      taskId: "a1",
    });
    expect(effect.outcome).toMatchObject({
      taskId: "a1",
      customerId: "1001",
      taskKind: "alert",
      segment: "revenue_at_risk",
      contact: "reached",
      issue: "payment",
      note: "Card replaced while on the phone.",
      loggedOn: TODAY,
      loggedAt: 1_773_140_000,
    });
    expect(effect.cancellation).toBeUndefined();
  });

  it("resolved on a check-in: done, but no resolution", () => {
    const checkIn = makeTask({ id: "c1", kind: "check_in", segment: "healthy_stable" });
    const effect = log({ taskId: "c1", issue: "none" }, { tasks: [checkIn] });
    expect(effect.changes).toMatchObject([{ type: "complete", taskId: "c1" }]);
    expect(effect.resolution).toBeUndefined();
  });

  it("follow-up needed: a follow-up on that date that keeps the task's signals", () => {
    const effect = log({ result: "follow_up", contact: "voicemail", followUpOn: "2026-03-17" });

    expect(effect.changes[0]).toEqual({
      type: "complete",
      taskId: "a1",
      reason: "follow-up on 2026-03-17 (logged by Sam Patel)",
    });
    expect(effect.changes[1]).toEqual({
      type: "create",
      task: expect.objectContaining({
        id: "n1",
        kind: "follow_up",
        customerId: "1001",
        segment: "revenue_at_risk",
        title: "Follow up: Derras Real Estate",
        action: "follow-up",
        priority: 1,
        dueDate: "2026-03-17",
        dueAt: Date.UTC(2026, 2, 17, 9) / 1000,
        status: "open",
        signals: [PAYMENT],
        owner: "Sam Patel",
        createdOn: TODAY,
        followUpOf: "a1",
      }),
    });
    expect(effect.resolution).toBeUndefined();
  });

  it("customer will cancel: done, the customer's other open tasks closed, the date kept", () => {
    const closedEarlier = makeTask({ id: "old", status: "cleared" });
    const effect = log(
      { result: "will_cancel" },
      { tasks: [alert, followUp, otherCustomer, closedEarlier] },
    );

    expect(effect.changes).toEqual([
      { type: "complete", taskId: "a1", reason: "customer will cancel (logged by Sam Patel)" },
      {
        type: "close",
        taskId: "f1",
        reason: "customer will cancel (logged by Sam Patel on 2026-03-10)",
      },
    ]);
    expect(effect.cancellation).toEqual({
      customerId: "1001",
      canceledOn: TODAY,
      canceledBy: "Sam Patel",
    });
  });

  it("refuses an unknown task id", () => {
    const error = errorOf(() => log({ taskId: "nope" }));
    expect(error.code).toBe("task_not_found");
    expect(error.message).toBe("there is no task nope");
  });

  it("refuses a task that is already closed, and says how it closed", () => {
    const done = makeTask({ id: "a1", status: "superseded", closedReason: "escalated" });
    const error = errorOf(() => log({}, { tasks: [done] }));
    expect(error.code).toBe("task_closed");
    expect(error.message).toContain("already superseded (escalated)");
  });

  it.each([
    [{ result: "follow_up" }, "follow-up needed requires a follow-up date"],
    [{ result: "follow_up", followUpOn: "2026-03-09" }, "must be after today (2026-03-10)"],
    [{ result: "follow_up", followUpOn: TODAY }, "must be after today"],
    [{ result: "follow_up", followUpOn: "2026-02-30" }, "2026-02-30 is not a date"],
    [{ result: "resolved", followUpOn: "2026-03-20" }, "only goes with follow-up needed"],
    [{ contact: "carrier pigeon" }, "what happened must be one of reached, voicemail, email_sent"],
    [{ issue: "billing" }, "the issue must be one of payment, usage, technical, none"],
    [{ result: "escalate" }, "what was done must be one of resolved, follow_up, will_cancel"],
    [{ loggedBy: "  " }, "who logged the outcome is required"],
    [{ loggedAt: Number.NaN }, "when it was logged is required"],
  ] as const)("refuses %o: %s", (outcome, message) => {
    const error = errorOf(() => log(outcome as Partial<OutcomeInput>));
    expect(error.code).toBe("outcome_invalid");
    expect(error.message).toContain(message);
  });

  it("reports every problem of an outcome at once", () => {
    const error = errorOf(() =>
      log({ contact: "fax" as "reached", result: "follow_up", loggedBy: "" }),
    );
    expect(error.message.split("; ")).toHaveLength(3);
  });

  it("accepts the first day after today as a follow-up date", () => {
    expect(log({ result: "follow_up", followUpOn: "2026-03-11" }).changes).toHaveLength(2);
  });
});
