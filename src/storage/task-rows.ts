import type { Selectable } from "kysely";

import type { Task, TaskKind, TaskStatus } from "../domain/tasks/index.js";
import type { SegmentId } from "../domain/rules.js";
import type { TaskRow } from "./workflow-tables.js";

/** The prefix of every task id: `T-1042` is short enough to type in `csops outcome`. */
export const TASK_ID_PREFIX = "T-";

/** The id of the task numbered `number`. */
export function formatTaskId(number: number): string {
  return `${TASK_ID_PREFIX}${number}`;
}

/** The number in a task id, or undefined when it is not one (`T-1042`, `t-1042` or `1042`). */
export function parseTaskNumber(text: string): number | undefined {
  const match = /^(?:t-?)?(\d{1,15})$/i.exec(text.trim());

  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** A task as stored: optional fields as NULL, the structured ones as JSON text. */
export function taskToRow(task: Task): TaskRow {
  const number = parseTaskNumber(task.id);
  if (number === undefined) throw new Error(`Task id ${task.id} is not of the form T-<number>`);

  return {
    id: task.id,
    number,
    customer_id: task.customerId,
    kind: task.kind,
    segment: task.segment,
    label: task.label,
    title: task.title,
    action: task.action,
    priority: task.priority,
    due_at: task.dueAt,
    due_date: task.dueDate,
    status: task.status,
    closed_reason: task.closedReason ?? null,
    closed_on: task.closedOn ?? null,
    reasons: JSON.stringify(task.reasons),
    signals: JSON.stringify(task.signals),
    escalation: task.escalation === undefined ? null : JSON.stringify(task.escalation),
    context: JSON.stringify(task.context),
    company_name: task.context.companyName,
    contract_end_date: task.context.contractEndDate ?? null,
    owner: task.owner ?? null,
    created_on: task.createdOn,
    follow_up_of: task.followUpOf ?? null,
    pending_follow_up_id: task.pendingFollowUpId ?? null,
  };
}

export function rowToTask(row: Selectable<TaskRow>): Task {
  const task: Task = {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind as TaskKind,
    segment: row.segment as SegmentId,
    label: row.label,
    title: row.title,
    action: row.action,
    priority: row.priority,
    dueAt: Number(row.due_at),
    dueDate: row.due_date,
    status: row.status as TaskStatus,
    reasons: JSON.parse(row.reasons) as Task["reasons"],
    signals: JSON.parse(row.signals) as Task["signals"],
    context: JSON.parse(row.context) as Task["context"],
    createdOn: row.created_on,
  };
  if (row.closed_reason !== null) task.closedReason = row.closed_reason;
  if (row.closed_on !== null) task.closedOn = row.closed_on;
  if (row.escalation !== null) task.escalation = JSON.parse(row.escalation) as Task["escalation"];
  if (row.owner !== null) task.owner = row.owner;
  if (row.follow_up_of !== null) task.followUpOf = row.follow_up_of;
  if (row.pending_follow_up_id !== null) task.pendingFollowUpId = row.pending_follow_up_id;

  return task;
}
