import type { Reason } from "../domain/evaluate-condition.js";
import type { Task } from "../domain/tasks/index.js";

/**
 * Why a task is on the list, in a few words for the queue: `renews in 40 d, payment failed`,
 * `inactive 21 d, low usage`. Conditions that only rule things out (payment not failed, at
 * most one ticket, renewal far away) say nothing a person acts on, and are left out.
 */
export function describeTaskBriefly(task: Task): string {
  if (task.kind === "check_in") return "quarterly check-in";
  const phrases = [...new Set(task.reasons.flatMap(phraseOf))];

  return phrases.join(", ");
}

function phraseOf(reason: Reason): string[] {
  const value = reason.value;
  const isAtLeast = /(>=|>) /.test(reason.condition);

  switch (reason.fact) {
    case "payment_failed":
      return value === true ? ["payment failed"] : [];
    case "days_to_renewal":
      if (isAtLeast) return [];
      return typeof value === "number" && value < 0
        ? [`renewal ${-value} d ago`]
        : [`renews in ${String(value)} d`];
    case "support_tickets":
      return isAtLeast ? [value === 1 ? "1 ticket" : `${String(value)} tickets`] : [];
    case "days_since_last_login":
      return [describeInactivity(value)];
    case "account_age_days":
      return [`account ${String(value)} d old`];
    case "logins_30d":
      return [`${String(value)} logins`];
    case "usage_level":
      return [`${String(value)} usage`];
    case "features_used_30d":
      return [value === 1 ? "1 feature" : `${String(value)} features`];
    case "plan":
      return [`${String(value)} plan`];
  }
}

function describeInactivity(value: Reason["value"]): string {
  if (value === "never") return "never logged in";
  if (typeof value === "string" && value.startsWith(">=")) return `inactive ${value.slice(2)}+ d`;

  return `inactive ${String(value)} d`;
}
