import type { SegmentId } from "../rules.js";
import type { QueueEntry } from "./queue-entry.js";
import type { TaskKind } from "./task.js";

/** One line of the queue's header: "3 Revenue at Risk — call". */
export interface ActionCount {
  kind: TaskKind;
  /** The alerts' segment; follow-ups and check-ins are counted together across segments. */
  segment?: SegmentId | undefined;
  label: string;
  action: string;
  count: number;
}

const GROUP_LABELS = { follow_up: "Follow-ups", check_in: "Quarterly check-ins" } as const;

/**
 * Tasks to count: each one task, or a group of `count` tasks of one kind and segment (the
 * store counts a large queue). Without a status they are open.
 */
export type CountedTasks = Pick<
  QueueEntry,
  "kind" | "segment" | "label" | "action" | "priority"
> & {
  status?: QueueEntry["status"] | undefined;
  count?: number | undefined;
};

/**
 * The counts for the queue's header, from the open tasks given: one line per alert segment in
 * priority order, then follow-ups, then check-ins. Tasks that are no longer open are not work.
 */
export function countsByAction(tasks: readonly CountedTasks[]): ActionCount[] {
  const lines = new Map<string, ActionCount & { priority: number }>();

  for (const task of tasks) {
    if (task.status !== undefined && task.status !== "open") continue;
    const count = task.count ?? 1;
    const key = task.kind === "alert" ? `alert:${task.segment}` : task.kind;
    const line = lines.get(key);
    if (line !== undefined) {
      line.count += count;
      line.priority = Math.min(line.priority, task.priority);
      continue;
    }
    lines.set(key, {
      kind: task.kind,
      segment: task.kind === "alert" ? task.segment : undefined,
      label: task.kind === "alert" ? task.label : GROUP_LABELS[task.kind],
      action: task.action,
      count,
      priority: task.priority,
    });
  }

  const kindOrder: TaskKind[] = ["alert", "follow_up", "check_in"];
  return [...lines.values()]
    .sort(
      (a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.priority - b.priority,
    )
    .map(({ priority: _priority, ...line }) => line);
}
