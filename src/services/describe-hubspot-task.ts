import type { HubspotTaskInput } from "../connectors/hubspot/hubspot-api.js";
import type { Task, TaskContext } from "../domain/tasks/index.js";

/**
 * The line in a task's body that names its csops task: how a create whose answer was lost is
 * found again, and how a person in HubSpot finds it in csops.
 */
export function markTask(taskId: string): string {
  return `csops task ${taskId}`;
}

/**
 * A csops task as a HubSpot task: the title as subject, the reasons and context in plain text
 * as body (ending with the marker), due when the task is, priority from the segment's place in
 * the precedence (HIGH for the first, MEDIUM for the second, LOW after), and CALL for an action
 * that is a call (`call`, `training call`), else TODO.
 */
export function describeHubspotTask(
  task: Task,
): Pick<HubspotTaskInput, "subject" | "body" | "dueAt" | "priority" | "type"> {
  return {
    subject: task.title,
    body: describeBody(task),
    dueAt: task.dueAt,
    priority: task.priority <= 1 ? "HIGH" : task.priority === 2 ? "MEDIUM" : "LOW",
    type: /\bcall\b/i.test(task.action) ? "CALL" : "TODO",
  };
}

function describeBody(task: Task): string {
  const lines = [`${task.label}: ${task.action}, due ${task.dueDate}.`];
  if (task.escalation !== undefined) {
    const from = task.escalation.fromTaskId ?? task.escalation.fromSegment;
    const signals = task.escalation.signals.map((signal) => signal.text).join("; ");
    lines.push(`Escalation from ${from}: ${signals || "a segment of higher precedence"}.`);
  }
  if (task.followUpOf !== undefined) lines.push(`Follow-up of ${task.followUpOf}.`);
  if (task.pendingFollowUpId !== undefined) {
    lines.push(`A follow-up is pending (${task.pendingFollowUpId}): check it before acting.`);
  }
  if (task.reasons.length > 0) {
    lines.push("", "Why:", ...task.reasons.map((reason) => `- ${reason.text}`));
  }
  lines.push("", `Context as of ${task.context.asOf}:`, ...describeContext(task.context));
  lines.push("", markTask(task.id));

  return lines.join("\n");
}

function describeContext(context: TaskContext): string[] {
  const facts: [string, string | number | boolean | undefined][] = [
    ["Renewal", describeRenewal(context)],
    ["Days since last login", context.daysSinceLastLogin],
    ["Logins in 30 days", context.logins30d],
    ["Usage level", context.usageLevel],
    ["Features used in 30 days", context.featuresUsed30d],
    ["Support tickets in 30 days", context.supportTickets],
    ["Payment failed", context.paymentFailed],
    ["Plan", context.plan],
    ["CS owner", context.owner],
  ];
  const lines = facts.map(([name, value]) => `- ${name}: ${value ?? "unknown"}`);
  if (context.unknown.length > 0) {
    const missing = context.unknown.map((unknown) => `${unknown.fact} (${unknown.source})`);
    lines.push(`- Missing data: ${missing.join(", ")}`);
  }

  return lines;
}

function describeRenewal(context: TaskContext): string | undefined {
  if (context.contractEndDate === undefined) return undefined;
  const days = context.daysToRenewal === undefined ? "" : ` (in ${context.daysToRenewal} days)`;

  return `${context.contractEndDate}${days}`;
}
