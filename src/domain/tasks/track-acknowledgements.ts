import { daysBetween, type CalendarDate } from "../dates.js";
import type { Signals } from "../facts.js";
import { evaluateSignal } from "./find-signals.js";
import type { Acknowledgement, ReconcileInput } from "./reconcile-input.js";
import type { Signal, TaskSettings } from "./task.js";
import type { TaskChange } from "./task-change.js";

/**
 * The customer's acknowledgements today, newest first, and the changes that forget the
 * acknowledged signals known to have stopped holding. A signal that is unknown today stays
 * acknowledged: data that went missing is not a change in the customer.
 */
export function trackAcknowledgements(
  input: ReconcileInput,
  derived: Signals,
): { acknowledgements: Acknowledgement[]; changes: TaskChange[] } {
  const acknowledgements: Acknowledgement[] = [];
  const changes: TaskChange[] = [];

  const followUps = input.openTasks.filter(
    (task) => task.kind === "follow_up" && task.status === "open",
  );
  for (const followUp of followUps) {
    const { kept, lapsed } = splitLapsed(followUp.signals, derived);
    if (lapsed.length > 0) {
      changes.push({
        type: "forget_signals",
        target: { kind: "follow_up", taskId: followUp.id },
        keys: lapsed,
      });
    }
    acknowledgements.push({
      segment: followUp.segment,
      signals: kept,
      since: followUp.createdOn,
      followUpId: followUp.id,
    });
  }

  const resolution = input.resolution;
  if (
    resolution !== undefined &&
    isCoolingDown(resolution.resolvedOn, input.runDate, input.settings)
  ) {
    const { kept, lapsed } = splitLapsed(resolution.signals, derived);
    if (lapsed.length > 0) {
      changes.push({
        type: "forget_signals",
        target: { kind: "resolution", resolvedOn: resolution.resolvedOn },
        keys: lapsed,
      });
    }
    acknowledgements.push({
      segment: resolution.segment,
      signals: kept,
      since: resolution.resolvedOn,
    });
  }

  // Newest first: an escalation is described against the latest thing a person dealt with.
  acknowledgements.sort((a, b) => daysBetween(a.since, b.since));

  return { acknowledgements, changes };
}

/**
 * Whether a resolution on `resolvedOn` still keeps the same signals quiet on the run date: the
 * cool-down is the N days after the resolution, so with 30 days a resolution on 1 March is quiet
 * up to and including 31 March and alerts again on 1 April if the signals still hold.
 */
export function isCoolingDown(
  resolvedOn: CalendarDate,
  runDate: CalendarDate,
  settings: TaskSettings,
): boolean {
  return daysBetween(resolvedOn, runDate) <= settings.resolvedCooldownDays;
}

function splitLapsed(signals: Signal[], derived: Signals): { kept: Signal[]; lapsed: string[] } {
  const kept = signals.filter((signal) => evaluateSignal(signal, derived) !== false);
  const lapsed = signals
    .filter((signal) => evaluateSignal(signal, derived) === false)
    .map((signal) => signal.key);

  return { kept, lapsed };
}
