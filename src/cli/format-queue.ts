import type { ActionCount, Task } from "../domain/tasks/index.js";
import type { Queue, QueueItem } from "../services/load-queue.js";
import { describeTaskBriefly } from "../wording/describe-task-briefly.js";
import { formatDueTime, formatLongDay, formatShortDay } from "../wording/format-days.js";

const COLUMNS = [
  { title: "task", width: 7 },
  { title: "due", width: 16 },
  { title: "company", width: 26 },
  { title: "segment", width: 21 },
  { title: "why", width: 34 },
  { title: "owner", width: 12 },
] as const;

/** `3 Revenue at Risk (call) · 5 Engagement Drop (re-engagement email) · …`: the seed's header. */
export function formatQueueHeader(counts: readonly ActionCount[]): string {
  if (counts.length === 0) return "Nothing to do";

  return counts.map((line) => `${line.count} ${line.label} (${line.action})`).join(" · ");
}

/**
 * The queue as a CS person reads it at 09:00: who it is for, the counts per action, then one
 * line per task in working order, over-capacity ones marked `!`, and an escalation followed by
 * the follow-up it was raised beside.
 */
export function formatQueue(queue: Queue, timeZone: string): string {
  const { capacity } = queue;
  const whose = queue.owner === undefined ? "team queue" : `${queue.owner}'s queue`;
  const over = capacity.counts.over_capacity;
  const lines = [
    `${formatLongDay(queue.date)} · ${whose} · ${queue.items.length} tasks: ` +
      `${capacity.counts.this_week + over} due this week, ${capacity.counts.later} later · ` +
      `capacity ${capacity.capacityPerWeek} a week, ${capacity.doneThisWeek} done this week, ` +
      (over === 0 ? "none over" : `${over} over (marked !)`),
    formatQueueHeader(queue.counts),
  ];
  if (queue.items.length > 0) {
    lines.push("", `  ${formatRow(COLUMNS.map((column) => column.title))}`);
    for (const item of queue.items) lines.push(...formatItem(item, queue, timeZone));
  }
  if (queue.upcomingFollowUps.length > 0) {
    const upcoming = queue.upcomingFollowUps
      .map((task) => `${task.id} ${task.context.companyName} (${formatShortDay(task.dueDate)})`)
      .join(", ");
    lines.push("", `Follow-ups for later days: ${upcoming}`);
  }
  lines.push("", "! = over this week's capacity · later = due after this week");

  return `${lines.join("\n")}\n`;
}

function formatItem(item: QueueItem, queue: Queue, timeZone: string): string[] {
  const { task } = item;
  const mark = item.fit === "over_capacity" ? "! " : "  ";
  const due = describeDue(task, queue.date, timeZone) + (item.fit === "later" ? " later" : "");
  const lines = [
    mark +
      formatRow([
        task.id,
        due,
        task.context.companyName,
        task.label,
        describeWhy(task),
        task.owner ?? "",
      ]),
  ];

  const escalation = task.escalation;
  if (escalation !== undefined) {
    const what = escalation.signals.map((signal) => signal.text).join(", ") || "higher segment";
    lines.push(`          ↳ escalation (${escalation.trigger.replace("_", " ")}: ${what})`);
  }
  const pending = item.pendingFollowUp;
  if (pending !== undefined) {
    lines.push(
      `          ↳ check the pending follow-up ${pending.id} (due ${formatShortDay(pending.dueDate)}) first`,
    );
  }
  if (item.escalatedBy !== undefined) {
    lines.push(`          ↳ escalation ${item.escalatedBy.id} is open beside this follow-up`);
  }

  return lines;
}

/**
 * `Fri 4 Dec`, `today`, `Tue 1 Dec late`; the time only when it is not 09:00, the hour the
 * run starts the day (a 24-hour call across a clock change is due at 08:00 or 10:00).
 */
function describeDue(task: Task, today: string, timeZone: string): string {
  const when = formatDueTime(task.dueAt, timeZone);
  const time = when.slice(-5) === "09:00" ? "" : ` ${when.slice(-5)}`;
  if (task.dueDate === today) return `today${time}`;

  return `${when.slice(0, -6)}${time}${task.dueDate < today ? " late" : ""}`;
}

/** The reasons in a few words; a follow-up or check-in says so first. */
function describeWhy(task: Task): string {
  const why = describeTaskBriefly(task);
  if (task.kind === "follow_up") return `follow-up of ${task.followUpOf ?? "?"}: ${why}`;

  return why;
}

function formatRow(cells: readonly string[]): string {
  return cells
    .map((cell, index) => {
      const width = COLUMNS[index]?.width ?? 10;
      const text = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
      return index === cells.length - 1 ? text : text.padEnd(width);
    })
    .join(" ");
}

/** `csops queue --json`: the service's queue, each item with its reason in a few words. */
export function toQueueJson(queue: Queue) {
  return {
    ...queue,
    header: formatQueueHeader(queue.counts),
    items: queue.items.map((item) => ({ ...item, why: describeWhy(item.task) })),
  };
}
