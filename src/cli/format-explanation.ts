import type { Rules } from "../domain/rules.js";
import type { Outcome, Task } from "../domain/tasks/index.js";
import type { CustomerExplanation } from "../services/explain-customer.js";
import { countOf, describeDaysFromNow } from "../wording/count-of.js";
import { formatDueTime, formatLongDay } from "../wording/format-days.js";
import { labelOf } from "./format-run-summary.js";

/** Past tasks listed; `--json` has them all. */
const SHOWN_PAST_TASKS = 10;

/** `csops explain`: what a person needs before picking up the phone, top to bottom. */
export function formatExplanation(
  explained: CustomerExplanation,
  rules: Rules,
  timeZone: string,
): string {
  const { decision, shown } = explained;
  const basis =
    explained.basis === "run"
      ? `as of the run of ${formatLongDay(explained.asOf)}` +
        (explained.asOf === explained.date ? "" : ` (the latest on or before ${explained.date})`)
      : `computed now for ${formatLongDay(explained.asOf)}: no run has evaluated it yet`;
  const lines = [
    `${explained.name} (${explained.customerId}) · ${labelOf(decision.segment, rules)} · ${basis}`,
    ...describeState(explained),
  ];

  if (shown.segment !== decision.segment) {
    lines.push(
      `Shown as ${labelOf(shown.segment, rules)}: resolved by ${shown.resolvedBy} on ` +
        `${shown.resolvedOn}; the rules alone say ${decision.label}`,
    );
  }
  if (explained.storedSegment !== undefined) {
    lines.push(
      `The run stored ${labelOf(explained.storedSegment, rules)}: the rules changed since`,
    );
  }
  lines.push("", "Why:", ...describeReasons(explained, rules));
  lines.push("", `Facts on ${explained.asOf}:`, ...describeFacts(explained));
  lines.push("", "Open tasks:", ...listTasks(explained.openTasks, timeZone, "  none"));
  lines.push("", "Outcomes:", ...listOutcomes(explained.outcomes));
  const past = explained.pastTasks.slice(0, SHOWN_PAST_TASKS);
  lines.push("", "Past tasks (newest first):", ...listTasks(past, timeZone, "  none"));
  lines.push("", "Segment history (newest first, one line per change):");
  lines.push(
    ...(explained.history.length === 0
      ? ["  none yet"]
      : explained.history.map(
          (entry) =>
            `  ${entry.validFrom}  ${labelOf(entry.shownSegment, rules).padEnd(22)}` +
            (entry.shownSegment === entry.segment ? "" : ` (rules: ${entry.label})`) +
            ` ${entry.reasons.map((reason) => reason.condition).join("; ")}`,
        )),
  );

  return `${lines.join("\n")}\n`;
}

function describeState(explained: CustomerExplanation): string[] {
  const state = explained.state;
  const owner =
    state?.assignment === undefined
      ? "no CS person yet"
      : `${state.assignment.person} (${state.assignment.basis === "owner" ? "HubSpot owner" : "shared out"})`;
  const status =
    state?.status === "canceled"
      ? `CANCELED on ${state.canceledOn} (logged by ${state.canceledBy})`
      : "active";

  return [`Owner: ${owner} · status ${status}`];
}

function describeReasons(explained: CustomerExplanation, rules: Rules): string[] {
  const { decision } = explained;
  const lines = decision.reasons.map((reason) => `  ${reason.text}`);
  for (const possible of decision.possibly) {
    lines.push(
      `  possibly ${rules.segments[possible.segment].label}: needs ${possible.missing.join(", ")}`,
    );
  }
  for (const unknown of decision.unknown) {
    lines.push(`  unknown ${unknown.fact}: should come from ${unknown.source}`);
  }

  return lines.length === 0 ? ["  no segment's criteria hold"] : lines;
}

function describeFacts(explained: CustomerExplanation): string[] {
  const { facts, values } = explained;
  const lastLogin = facts.lastLogin;
  const lastLoginText =
    lastLogin === undefined
      ? "unknown"
      : lastLogin.kind === "date"
        ? lastLogin.date
        : lastLogin.kind === "never"
          ? "never"
          : `none since ${lastLogin.date}`;

  return [
    `  plan ${values.plan} · contract ends ${facts.contractEndDate ?? "unknown"} ` +
      `(${describeDaysFromNow(values.days_to_renewal)}) · customer since ` +
      `${facts.accountStartDate ?? "unknown"} (${describeAge(values.account_age_days)})`,
    `  last login ${lastLoginText} (${describeDaysAgo(values.days_since_last_login)}) · ` +
      `${values.logins_30d} logins in 30 days (${values.usage_level} usage) · ` +
      `${values.features_used_30d} features used`,
    `  tickets in 30 days: ${values.support_tickets} · payment failed: ${values.payment_failed}`,
    ...explained.notes.map((note) => `  note: ${note}`),
  ];
}

/** `1454 days`, `1 day`; `unknown` as it is. */
function describeAge(value: string): string {
  return /^\d+$/.test(value) ? countOf(Number(value), "day") : value;
}

function describeDaysAgo(value: string): string {
  if (value === "never" || value === "unknown") return `days since: ${value}`;

  return value === "1"
    ? "1 day ago"
    : `${value.replace("at least ", "")}${value.startsWith("at least") ? "+" : ""} days ago`;
}

function listTasks(tasks: readonly Task[], timeZone: string, none: string): string[] {
  if (tasks.length === 0) return [none];

  return tasks.map((task) => {
    const status =
      task.status === "open"
        ? `due ${formatDueTime(task.dueAt, timeZone)}`
        : `${task.status} ${task.closedOn ?? ""}: ${task.closedReason ?? ""}`;
    const escalation =
      task.escalation === undefined
        ? ""
        : ` · escalation (${task.escalation.signals.map((s) => s.text).join(", ") || "higher segment"})`;
    const pending =
      task.pendingFollowUpId === undefined ? "" : ` · beside follow-up ${task.pendingFollowUpId}`;

    return `  ${task.id} ${task.title} · ${status}${escalation}${pending} · ${task.owner ?? "no owner"}`;
  });
}

function listOutcomes(outcomes: readonly Outcome[]): string[] {
  if (outcomes.length === 0) return ["  none"];

  return outcomes.map((outcome) => {
    const followUp = outcome.followUpOn === undefined ? "" : ` on ${outcome.followUpOn}`;
    const note = outcome.note === "" ? "" : ` — "${outcome.note}"`;
    return (
      `  ${outcome.loggedOn} ${outcome.taskId} by ${outcome.loggedBy}: ` +
      `${outcome.contact.replace("_", " ")} · ${outcome.issue} · ` +
      `${outcome.result.replace("_", " ")}${followUp}${note}`
    );
  });
}
