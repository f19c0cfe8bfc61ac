import type { Reason } from "../../domain/evaluate-condition.js";
import type { FactName } from "../../domain/facts.js";

/** Each fact as a person names it. */
export const FACT_LABELS: Record<FactName, string> = {
  days_to_renewal: "Days to renewal",
  account_age_days: "Account age (days)",
  support_tickets: "Support tickets (30 days)",
  payment_failed: "Payment failed",
  days_since_last_login: "Days since last login",
  logins_30d: "Logins (30 days)",
  usage_level: "Usage level",
  features_used_30d: "Features used (30 days)",
  plan: "Plan",
};

const OPERATORS: Record<string, string> = { "<=": "≤", ">=": "≥", "!=": "≠" };

/**
 * A condition that held, with its value, in words: `Days to renewal: 40 (rule: ≤ 60)`,
 * `Payment failed: yes`.
 */
export function describeReason(reason: Reason): string {
  const label = FACT_LABELS[reason.fact];
  const value = describeValue(reason.value);
  const test = reason.condition.slice(reason.fact.length).trim();
  if (typeof reason.value === "boolean") return `${label}: ${value}`;

  const [operator = "", ...rest] = test.split(" ");
  const rule = `${OPERATORS[operator] ?? operator} ${rest.join(" ")}`.trim();
  return `${label}: ${value} (rule: ${rule})`;
}

function describeValue(value: Reason["value"]): string {
  if (value === true) return "yes";
  if (value === false) return "no";
  if (value === "never") return "never logged in";
  if (typeof value === "string" && value.startsWith(">=")) return `at least ${value.slice(2)}`;

  return String(value);
}
