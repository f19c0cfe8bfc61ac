/**
 * The CS task workflow as pure rules: what the daily run creates, refreshes, escalates, clears
 * and closes; what logging an outcome changes; the queue's order, capacity and owners. Storage,
 * the scheduler and the screens call these and apply the changes they return.
 */
export { applyOutcome, type ApplyOutcomeInput, type OutcomeEffect } from "./apply-outcome.js";
export { applyResolutionChanges } from "./apply-resolution-changes.js";
export { applyTaskChanges } from "./apply-task-changes.js";
export {
  assignOwners,
  type CsPerson,
  type OwnedCustomer,
  type OwnerAssignment,
} from "./assign-owners.js";
export { checkInDay } from "./check-in-day.js";
export { chooseShownSegment, type ShownSegment } from "./choose-shown-segment.js";
export { CHECK_IN_DUE_DAYS, computeDue, computeDueOn, type DueTime } from "./compute-due.js";
export { countsByAction, type ActionCount } from "./counts-by-action.js";
export { findSignals, evaluateSignal, findNewSignals } from "./find-signals.js";
export { compareQueueOrder, orderQueue } from "./order-queue.js";
export * from "./outcome.js";
export type { QueueEntry } from "./queue-entry.js";
export {
  planCapacity,
  remainingOf,
  weekAround,
  type CapacityFit,
  type CapacityPlan,
} from "./plan-capacity.js";
export { countDaysOf, firstDayOf, isSameQuarter, quarterOf, type Quarter } from "./quarter.js";
export { CHECK_IN_CATCH_UP_DAYS } from "./reconcile-check-in.js";
export { reconcileCustomerTasks } from "./reconcile-customer-tasks.js";
export type { ReconcileInput } from "./reconcile-input.js";
export { isCoolingDown } from "./track-acknowledgements.js";
export type * from "./task.js";
export { CLOSING_STATUS, type TaskChange } from "./task-change.js";
