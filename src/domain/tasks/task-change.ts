import type { CalendarDate } from "../dates.js";
import type { Reason } from "../evaluate-condition.js";
import type { FactName } from "../facts.js";
import type { Signal, Task, TaskContext } from "./task.js";

/**
 * One change to a customer's tasks, as data: the functions that decide never write, the caller
 * applies the changes (in a transaction) and records them. `applyTaskChanges` is the reference
 * for what each one means.
 */
export type TaskChange =
  | { type: "create"; task: Task }
  /**
   * The open alert still stands: new context. `criteria` is `hold` when its segment is still
   * the customer's (reasons and signals replaced by today's, `newSignals` the ones added), or
   * `unknown` when data went missing: reasons and signals are kept as they were, `missing`
   * names the facts, and the alert stays open, since missing data is not good news.
   */
  | {
      type: "refresh";
      taskId: string;
      criteria: "hold" | "unknown";
      reasons: Reason[];
      signals: Signal[];
      newSignals: Signal[];
      missing: FactName[];
      context: TaskContext;
    }
  /** An outcome was logged on it (`applyOutcome`). */
  | { type: "complete"; taskId: string; reason: string }
  /** An escalation replaced it. */
  | { type: "supersede"; taskId: string; byTaskId: string; reason: string }
  /** The criteria it was made for no longer hold; `reason` says which and what the values are. */
  | { type: "clear"; taskId: string; reason: string }
  /** The customer cancelled. */
  | { type: "close"; taskId: string; reason: string }
  /**
   * Acknowledged signals that are known not to hold any more: drop them from the pending
   * follow-up (`taskId`) or from the customer's resolution, so that they count as new if they
   * come back.
   */
  | {
      type: "forget_signals";
      target:
        { kind: "follow_up"; taskId: string } | { kind: "resolution"; resolvedOn: CalendarDate };
      keys: string[];
    };

/** The status a closing change leaves a task in. */
export const CLOSING_STATUS = {
  complete: "done",
  supersede: "superseded",
  clear: "cleared",
  close: "closed",
} as const;
