import type { CalendarDate } from "../dates.js";
import type { SegmentId } from "../rules.js";
import type { TaskKind } from "./task.js";

export const OUTCOME_CONTACTS = ["reached", "voicemail", "email_sent"] as const;
export const OUTCOME_ISSUES = ["payment", "usage", "technical", "none"] as const;
export const OUTCOME_RESULTS = ["resolved", "follow_up", "will_cancel"] as const;

/** What happened: the customer was reached, a voicemail was left, or an e-mail was sent. */
export type OutcomeContact = (typeof OUTCOME_CONTACTS)[number];
export type OutcomeIssue = (typeof OUTCOME_ISSUES)[number];
/** What was done: resolved, a follow-up is needed (on `followUpOn`), or the customer will cancel. */
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

/** What a CS person logs on a task: the form that takes under a minute. */
export interface OutcomeInput {
  taskId: string;
  contact: OutcomeContact;
  issue: OutcomeIssue;
  result: OutcomeResult;
  /** Required with `follow_up`, after the day it is logged; not allowed otherwise. */
  followUpOn?: CalendarDate | undefined;
  note: string;
  /** The signed-in person who logged it. */
  loggedBy: string;
  /** When it was logged, Unix seconds. */
  loggedAt: number;
}

/** A logged outcome as kept in the history, to validate the rules later. */
export interface Outcome extends OutcomeInput {
  customerId: string;
  taskKind: TaskKind;
  segment: SegmentId;
  /** The calendar day it was logged on, in the team's zone. */
  loggedOn: CalendarDate;
}
