import { describeCondition, evaluateCondition } from "../evaluate-condition.js";
import type { Signals } from "../facts.js";
import type { Condition, Rules } from "../rules.js";
import { describeFactValue } from "./describe-fact-value.js";
import type { Task } from "./task.js";

/**
 * Why an alert's criteria no longer hold, with today's values: `Revenue at Risk no longer
 * holds: payment_failed = false (needs payment_failed is true)`. Where an `any` failed, the
 * alert's own signals are named rather than every alternative the rule offers.
 */
export function describeClearing(alert: Task, facts: Signals, rules: Rules): string {
  const signalKeys = new Set(alert.signals.map((signal) => signal.key));
  const failed = findFailedConditions(rules.segments[alert.segment].criteria, facts, signalKeys);
  const parts = failed.map((condition) => {
    const needs = describeCondition(condition);
    return "fact" in condition
      ? `${condition.fact} = ${describeFactValue(condition.fact, facts)} (needs ${needs})`
      : `needs ${needs}`;
  });

  return `${alert.label} no longer holds: ${parts.join("; ")}`;
}

/** The conditions that make a false condition false, down to the leaves where possible. */
function findFailedConditions(
  condition: Condition,
  facts: Signals,
  signalKeys: Set<string>,
): Condition[] {
  if (evaluateCondition(condition, facts).truth !== false) return [];
  if ("all" in condition) {
    return condition.all.flatMap((child) => findFailedConditions(child, facts, signalKeys));
  }
  if ("any" in condition) {
    const failed = condition.any.flatMap((child) => findFailedConditions(child, facts, signalKeys));
    const lapsedSignals = failed.filter((leaf) => signalKeys.has(describeCondition(leaf)));
    return lapsedSignals.length > 0 ? lapsedSignals : failed;
  }

  return [condition];
}
