import { evaluateCondition } from "../evaluate-condition.js";
import type { SegmentId } from "../rules.js";
import { computeDue } from "./compute-due.js";
import { describeClearing } from "./describe-clearing.js";
import { findNewSignals, findSignals } from "./find-signals.js";
import type { Acknowledgement, ReconcileContext } from "./reconcile-input.js";
import { isAlertSegment, precedes, priorityOf } from "./segment-order.js";
import type { Escalation, Signal, Task } from "./task.js";
import type { TaskChange } from "./task-change.js";

/**
 * The alert half of reconciliation: at most one open alert per customer. Same segment:
 * refresh. A segment of higher precedence: a new alert marked as an escalation, the old one
 * superseded. Criteria known to be false: cleared with the reason, and the new segment's alert
 * started. Criteria unknown: the alert stays open, since missing data is not good news.
 */
export function reconcileAlert(run: ReconcileContext): TaskChange[] {
  const alerts = run.open
    .filter((task) => task.kind === "alert")
    .sort((a, b) => b.createdOn.localeCompare(a.createdOn) || a.id.localeCompare(b.id));
  const [alert, ...duplicates] = alerts;
  if (alert === undefined) return startAlert(run);

  // Only a broken store holds two open alerts; keep the newest, as the run would have.
  const repairs: TaskChange[] = duplicates.map((duplicate) => ({
    type: "supersede",
    taskId: duplicate.id,
    byTaskId: alert.id,
    reason: "a newer open alert of the same customer",
  }));

  return [...repairs, ...reconcileOpenAlert(run, alert)];
}

function reconcileOpenAlert(run: ReconcileContext, alert: Task): TaskChange[] {
  const { decision, rules, derived } = run;
  const segment = decision.segment;

  if (segment === alert.segment) return [refresh(run, alert, segment)];
  if (isAlertSegment(segment, rules) && precedes(segment, alert.segment, rules)) {
    return escalate(run, alert, segment);
  }

  const criteria = evaluateCondition(rules.segments[alert.segment].criteria, derived);
  if (criteria.truth === null) {
    return [
      {
        type: "refresh",
        taskId: alert.id,
        criteria: "unknown",
        reasons: alert.reasons,
        signals: alert.signals,
        newSignals: [],
        missing: [...criteria.missing],
        context: run.context,
      },
    ];
  }
  // Still true, yet another bucket was chosen: only a change of rules does that. Keep it.
  if (criteria.truth === true) return [refresh(run, alert, alert.segment)];

  const reason = describeClearing(alert, derived, rules);

  return [{ type: "clear", taskId: alert.id, reason }, ...startAlert(run)];
}

function refresh(run: ReconcileContext, alert: Task, segment: SegmentId): TaskChange {
  const signals = findSignals(segment, run.derived, run.rules);
  const reasons =
    segment === run.decision.segment
      ? run.decision.reasons
      : evaluateCondition(run.rules.segments[segment].criteria, run.derived).reasons;

  return {
    type: "refresh",
    taskId: alert.id,
    criteria: "hold",
    reasons,
    signals,
    newSignals: findNewSignals(signals, alert.signals),
    missing: [],
    context: run.context,
  };
}

function escalate(run: ReconcileContext, alert: Task, segment: SegmentId): TaskChange[] {
  const signals = findSignals(segment, run.derived, run.rules);
  const task = buildAlert(run, segment, signals, {
    fromSegment: alert.segment,
    fromTaskId: alert.id,
    trigger: "higher_segment",
    signals: findNewSignals(signals, alert.signals),
  });
  const reason = `escalated to ${task.label}`;

  return [
    { type: "create", task },
    { type: "supersede", taskId: alert.id, byTaskId: task.id, reason },
    ...supersedeCheckIns(run, task),
  ];
}

/**
 * A new alert for today's segment, unless a pending follow-up or a resolution in its cool-down
 * already covers it. One that goes beyond them is labelled an escalation, and carries the
 * pending follow-up so the person checks it before acting.
 */
function startAlert(run: ReconcileContext): TaskChange[] {
  const segment = run.decision.segment;
  if (!isAlertSegment(segment, run.rules)) return [];

  const signals = findSignals(segment, run.derived, run.rules);
  const covered = run.acknowledgements.some((ack) => isCovered(run, ack, segment, signals));
  if (covered) return [];

  const latest = run.acknowledgements[0];
  const escalation: Escalation | undefined = latest && {
    fromSegment: latest.segment,
    fromTaskId: latest.followUpId,
    trigger: precedes(segment, latest.segment, run.rules) ? "higher_segment" : "new_signal",
    signals: findNewSignals(signals, latest.signals),
  };
  const task = buildAlert(run, segment, signals, escalation);

  return [{ type: "create", task }, ...supersedeCheckIns(run, task)];
}

function isCovered(
  run: ReconcileContext,
  ack: Acknowledgement,
  segment: SegmentId,
  signals: Signal[],
): boolean {
  return (
    !precedes(segment, ack.segment, run.rules) && findNewSignals(signals, ack.signals).length === 0
  );
}

function buildAlert(
  run: ReconcileContext,
  segment: SegmentId,
  signals: Signal[],
  escalation: Escalation | undefined,
): Task {
  const rule = run.rules.segments[segment];
  const pendingFollowUp = run.acknowledgements.find((ack) => ack.followUpId !== undefined);

  return {
    id: run.newTaskId(),
    customerId: run.customer.customerId,
    kind: "alert",
    segment,
    label: rule.label,
    title: run.decision.taskTitle ?? rule.task_title.replaceAll("{name}", run.context.companyName),
    action: rule.action,
    priority: priorityOf(segment, run.rules),
    ...computeDue(rule.due, run.runDate, run.settings.timeZone),
    status: "open",
    reasons: run.decision.reasons,
    signals,
    escalation,
    context: run.context,
    owner: run.customer.owner,
    createdOn: run.runDate,
    pendingFollowUpId: pendingFollowUp?.followUpId,
  };
}

/** A check-in is the least urgent touchpoint: an alert call or e-mail replaces it. */
function supersedeCheckIns(run: ReconcileContext, alert: Task): TaskChange[] {
  return run.open
    .filter((task) => task.kind === "check_in")
    .map((task) => ({
      type: "supersede",
      taskId: task.id,
      byTaskId: alert.id,
      reason: `replaced by the ${alert.label} alert`,
    }));
}
