import type { Decision } from "../decide-segment.js";
import type { CustomerFacts, NumericRange, Signals } from "../facts.js";
import type { TaskContext } from "./task.js";

/** The snapshot a task shows: the customer's facts as of the decision, and what was missing. */
export function buildTaskContext(
  decision: Decision,
  facts: CustomerFacts,
  derived: Signals,
  owner: string | undefined,
): TaskContext {
  return {
    asOf: decision.asOf,
    companyName: facts.name || facts.customerId,
    owner,
    plan: facts.plan,
    contractEndDate: facts.contractEndDate,
    daysToRenewal: exactValue(derived.numeric.days_to_renewal),
    lastLogin: facts.lastLogin,
    daysSinceLastLogin: describeDays(derived.numeric.days_since_last_login),
    logins30d: exactValue(derived.numeric.logins_30d),
    usageLevel: derived.category.usage_level,
    featuresUsed30d: exactValue(derived.numeric.features_used_30d),
    supportTickets: exactValue(derived.numeric.support_tickets),
    paymentFailed: derived.boolean.payment_failed,
    unknown: decision.unknown,
    possibly: decision.possibly,
  };
}

function exactValue(range: NumericRange | undefined): number | undefined {
  return range !== undefined && range.min === range.max && Number.isFinite(range.min)
    ? range.min
    : undefined;
}

/** JSON has no Infinity: `never` for users who never logged in, `>=N` for a lower bound. */
function describeDays(range: NumericRange | undefined): TaskContext["daysSinceLastLogin"] {
  if (range === undefined) return undefined;
  if (range.min === Infinity) return "never";
  if (range.min === range.max) return range.min;

  return `>=${range.min}`;
}
