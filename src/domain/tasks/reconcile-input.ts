import type { CalendarDate } from "../dates.js";
import type { Decision } from "../decide-segment.js";
import type { CustomerFacts, Signals } from "../facts.js";
import type { Rules, SegmentId } from "../rules.js";
import type { Resolution, Signal, Task, TaskContext, TaskSettings } from "./task.js";

/** Everything the run knows about one customer when it reconciles its tasks. */
export interface ReconcileInput {
  runDate: CalendarDate;
  customer: {
    customerId: string;
    status: "active" | "canceled";
    canceledOn?: CalendarDate | undefined;
    /** The CS person its tasks belong to (see `assignOwners`). */
    owner?: string | undefined;
  };
  /** Today's decision for the customer, from `decideSegment` on `facts`. */
  decision: Decision;
  facts: CustomerFacts;
  /** The customer's open tasks: its alert, pending follow-ups and check-in. Others are ignored. */
  openTasks: Task[];
  /** The customer's latest resolution, if any; it only counts during the cool-down. */
  resolution?: Resolution | undefined;
  /** When the customer's latest check-in task was made, whatever became of it. */
  lastCheckInOn?: CalendarDate | undefined;
  rules: Rules;
  settings: TaskSettings;
  /** Makes the id of each task created; the caller chooses the scheme (e.g. a UUID). */
  newTaskId: () => string;
}

/**
 * Something a person already dealt with: a pending follow-up, or a resolution in its cool-down.
 * While it lasts, the customer's alert is quiet unless a signal outside `signals` appears or
 * the customer moves to a segment before `segment`.
 */
export interface Acknowledgement {
  segment: SegmentId;
  signals: Signal[];
  since: CalendarDate;
  /** The pending follow-up; absent for a resolution. */
  followUpId?: string | undefined;
}

/** The input with what every step reads: today's facts, the snapshot, the acknowledgements. */
export interface ReconcileContext extends ReconcileInput {
  open: Task[];
  derived: Signals;
  context: TaskContext;
  acknowledgements: Acknowledgement[];
}
