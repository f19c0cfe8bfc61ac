import { deriveSignals } from "../derive-signals.js";
import { buildTaskContext } from "./build-task-context.js";
import { reconcileAlert } from "./reconcile-alert.js";
import { reconcileCheckIn } from "./reconcile-check-in.js";
import type { ReconcileInput } from "./reconcile-input.js";
import type { TaskChange } from "./task-change.js";
import { trackAcknowledgements } from "./track-acknowledgements.js";

/**
 * Decides what changes in one customer's tasks on one run date, from today's decision and what
 * the customer already has. Pure: the caller applies the changes (see `applyTaskChanges`).
 * Running it again on the same date after applying its changes gives nothing new but refreshes.
 *
 * - A cancelled customer gets nothing, and its open tasks close.
 * - Alerts: see `reconcileAlert` (one open alert; refresh, escalate, clear, never clear on
 *   missing data). With no open alert, a pending follow-up or a resolution in its cool-down
 *   keeps the alert quiet until a new signal or a segment of higher precedence appears; that
 *   alert is then made at once, labelled an escalation, beside the pending follow-up.
 * - Acknowledged signals that stop holding are forgotten, so they are new if they come back.
 * - Check-ins: see `reconcileCheckIn`.
 */
export function reconcileCustomerTasks(input: ReconcileInput): TaskChange[] {
  const open = input.openTasks.filter((task) => task.status === "open");
  if (input.customer.status === "canceled") {
    const on = input.customer.canceledOn;
    const reason = on === undefined ? "customer cancelled" : `customer cancelled on ${on}`;
    return open.map((task) => ({ type: "close", taskId: task.id, reason }));
  }

  const derived = deriveSignals(input.facts, input.runDate, input.rules);
  const context = buildTaskContext(input.decision, input.facts, derived, input.customer.owner);
  const { acknowledgements, changes } = trackAcknowledgements(input, derived);
  const run = { ...input, open, derived, context, acknowledgements };

  return [...changes, ...reconcileAlert(run), ...reconcileCheckIn(run)];
}
