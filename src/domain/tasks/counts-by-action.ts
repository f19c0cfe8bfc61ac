import type { SegmentId } from "../rules.js";
import type { Task, TaskKind } from "./task.js";

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
 * The counts for the queue's header, from the open tasks given: one line per alert segment in
 * priority order, then follow-ups, then check-ins. Tasks that are no longer open are not work.
 */
export function countsByAction(tasks: readonly Task[]): ActionCount[] {
  const lines = new Map<string, ActionCount & { priority: number }>();

  for (const task of tasks) {
    if (task.status !== "open") continue;
    const key = task.kind === "alert" ? `alert:${task.segment}` : task.kind;
    const line = lines.get(key);
    if (line !== undefined) {
      line.count += 1;
      line.priority = Math.min(line.priority, task.priority);
      continue;
    }
    lines.set(key, {
      kind: task.kind,
      segment: task.kind === "alert" ? task.segment : undefined,
      label: task.kind === "alert" ? task.label : GROUP_LABELS[task.kind],
      action: task.action,
      count: 1,
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
