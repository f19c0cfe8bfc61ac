import type { Decision } from "../domain/decide-segment.js";

/** A decision as `csops evaluate --json` prints it: snake_case keys, one object per customer. */
export function toDecisionJson(decision: Decision) {
  return {
    customer_id: decision.customerId,
    name: decision.name,
    as_of: decision.asOf,
    segment: decision.segment,
    label: decision.label,
    action: decision.action,
    due: decision.due,
    task_title: decision.taskTitle,
    reasons: decision.reasons,
    unknown: decision.unknown,
    possibly: decision.possibly,
  };
}
