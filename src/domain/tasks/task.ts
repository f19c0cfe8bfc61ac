import type { CalendarDate } from "../dates.js";
import type { PossibleSegment, UnknownFact } from "../decide-segment.js";
import type { Reason } from "../evaluate-condition.js";
import type { LastLogin } from "../facts.js";
import type { Condition, SegmentId } from "../rules.js";

/**
 * `alert`: made by the daily run from an action segment. `follow_up`: made when a CS person logs
 * "follow-up needed". `check_in`: the quarterly touchpoint of a Healthy & Stable customer.
 */
export type TaskKind = "alert" | "follow_up" | "check_in";

/**
 * `open`: on someone's list. `done`: an outcome was logged. `superseded`: an escalation replaced
 * it. `cleared`: the criteria it was made for no longer hold. `closed`: the customer cancelled.
 */
export type TaskStatus = "open" | "done" | "superseded" | "cleared" | "closed";

/**
 * A reason to act, as the rules name it: a condition under an `any` of the segment's criteria
 * that held (`payment_failed is true`, `support_tickets >= 3`, `days_since_last_login >= 14`).
 * The `all` conditions around them (`days_to_renewal <= 60`) only say when the reasons count,
 * so they are not signals. A segment whose criteria have no `any` (every condition required,
 * like Engagement Drop) has one signal: its criteria as a whole.
 *
 * Two signals are the same when their `key` is, whatever segment they came from: inactivity of
 * 14 days is one signal whether Revenue at Risk or another rule reads it.
 */
export interface Signal {
  /** The condition as written (`support_tickets >= 3`), or `segment <id>` for a whole segment. */
  key: string;
  /** What held, with its value: `support_tickets = 3 (>= 3)`. */
  text: string;
  /** The condition itself, kept so that later runs can test whether it still holds. */
  condition: Condition;
}

/** Why an alert was raised although the customer had an alert, a follow-up or a resolution. */
export interface Escalation {
  /** The segment of the task or resolution it goes beyond. */
  fromSegment: SegmentId;
  /** The superseded alert or the pending follow-up; absent after a resolution. */
  fromTaskId?: string | undefined;
  /** `higher_segment`: a segment of higher precedence. `new_signal`: same or lower, new signal. */
  trigger: "higher_segment" | "new_signal";
  /** The signals that were not there before: what changed. */
  signals: Signal[];
}

/** What the CS person sees when opening the task, as of the last run that touched it. */
export interface TaskContext {
  asOf: CalendarDate;
  companyName: string;
  owner?: string | undefined;
  plan?: string | undefined;
  contractEndDate?: CalendarDate | undefined;
  daysToRenewal?: number | undefined;
  lastLogin?: LastLogin | undefined;
  /** An exact number, `never`, or `>=N` when only a lower bound is known. */
  daysSinceLastLogin?: number | string | undefined;
  logins30d?: number | undefined;
  usageLevel?: string | undefined;
  featuresUsed30d?: number | undefined;
  supportTickets?: number | undefined;
  paymentFailed?: boolean | undefined;
  /** Facts that were unknown, and the source that should have supplied them. */
  unknown: UnknownFact[];
  /** Segments before this one that could not be decided, and what they lacked. */
  possibly: PossibleSegment[];
}

/** One task on the CS team's list. */
export interface Task {
  id: string;
  customerId: string;
  kind: TaskKind;
  /** The segment it acts on; a follow-up keeps the segment of the task it follows up. */
  segment: SegmentId;
  /** The segment's label, kept so that a list reads without the rules at hand. */
  label: string;
  title: string;
  action: string;
  /** 1 for the first segment in precedence order, 2 for the next, and so on. */
  priority: number;
  /** When it is due, Unix seconds. */
  dueAt: number;
  /** `dueAt` as a calendar date in the team's time zone. */
  dueDate: CalendarDate;
  status: TaskStatus;
  closedReason?: string | undefined;
  closedOn?: CalendarDate | undefined;
  /** The conditions that held, with their values, as of the last refresh. */
  reasons: Reason[];
  /**
   * An alert: the signals that hold now. A follow-up: the signals the person saw when asking
   * for it, minus any that stopped holding since; a signal outside this set is a new one.
   */
  signals: Signal[];
  escalation?: Escalation | undefined;
  context: TaskContext;
  /** The CS person it belongs to (a configured name); absent when the team has nobody. */
  owner?: string | undefined;
  createdOn: CalendarDate;
  /** A follow-up: the task whose outcome asked for it. */
  followUpOf?: string | undefined;
  /** An escalation alert raised while a follow-up was pending: that follow-up, to check first. */
  pendingFollowUpId?: string | undefined;
}

/**
 * What a CS person marked as resolved: the customer is shown as Healthy & Stable and is not
 * alerted again for these signals during the cool-down. A signal that stops holding is dropped,
 * so if it comes back (a payment fixed and failing again) it is new.
 */
export interface Resolution {
  customerId: string;
  resolvedOn: CalendarDate;
  resolvedBy: string;
  segment: SegmentId;
  signals: Signal[];
  /** The task the outcome was logged on. */
  taskId: string;
}

/** Deployment settings the task rules read (from `csops.config.yaml`). */
export interface TaskSettings {
  /** IANA zone of the team: due times count from 09:00 there. */
  timeZone: string;
  /** Days after a resolution during which the same signals raise no alert. */
  resolvedCooldownDays: number;
}
