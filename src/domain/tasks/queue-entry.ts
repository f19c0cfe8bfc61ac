import type { Task, TaskContext } from "./task.js";

/**
 * What ordering, counting and planning the queue read of a task: a whole task is one, and so is
 * the much smaller entry the store lists for a queue of tens of thousands of tasks.
 */
export type QueueEntry = Pick<
  Task,
  | "id"
  | "customerId"
  | "kind"
  | "segment"
  | "label"
  | "action"
  | "priority"
  | "dueAt"
  | "dueDate"
  | "status"
  | "owner"
  | "pendingFollowUpId"
> & { context: Pick<TaskContext, "companyName" | "contractEndDate"> };
