import { daysBetween, type CalendarDate } from "./dates.js";
import type { CustomerFacts, NumericRange, Signals, UsageLevel } from "./facts.js";
import type { Rules } from "./rules.js";

const exactly = (value: number): NumericRange => ({ min: value, max: value });

/**
 * Turns one customer's raw facts into the signals the rules read, as of the date `asOf`.
 * All arithmetic is on calendar dates, so the answer does not depend on any time zone.
 */
export function deriveSignals(facts: CustomerFacts, asOf: CalendarDate, rules: Rules): Signals {
  const signals: Signals = { numeric: {}, boolean: {}, category: {} };
  const { numeric } = signals;

  if (facts.contractEndDate !== undefined) {
    numeric.days_to_renewal = exactly(daysBetween(asOf, facts.contractEndDate));
  }
  if (facts.accountStartDate !== undefined) {
    numeric.account_age_days = exactly(daysBetween(facts.accountStartDate, asOf));
  }
  if (facts.supportTickets !== undefined) numeric.support_tickets = exactly(facts.supportTickets);

  const lastLogin = facts.lastLogin;
  if (lastLogin?.kind === "date") {
    numeric.days_since_last_login = exactly(daysBetween(lastLogin.date, asOf));
  } else if (lastLogin?.kind === "none_since") {
    // No login on or after that date: the last one, if any, was at least a day before it.
    numeric.days_since_last_login = {
      min: daysBetween(lastLogin.date, asOf) + 1,
      max: Infinity,
    };
  } else if (lastLogin?.kind === "never") {
    numeric.days_since_last_login = exactly(Infinity);
  }

  // Users known to have never logged in have a known zero, not an unknown.
  const neverLoggedIn = lastLogin?.kind === "never";
  const logins = facts.logins30d ?? (neverLoggedIn ? 0 : undefined);
  const features = facts.featuresUsed30d ?? (neverLoggedIn ? 0 : undefined);
  if (logins !== undefined) {
    numeric.logins_30d = exactly(logins);
    signals.category.usage_level = usageLevelOf(logins, rules);
  }
  if (features !== undefined) numeric.features_used_30d = exactly(features);

  if (facts.paymentFailed !== undefined) signals.boolean.payment_failed = facts.paymentFailed;
  if (facts.plan !== undefined && facts.plan.trim() !== "") {
    signals.category.plan = facts.plan.trim();
  }

  return signals;
}

export function usageLevelOf(logins30d: number, rules: Rules): UsageLevel {
  if (logins30d >= rules.usage_levels.high_from) return "high";
  if (logins30d >= rules.usage_levels.medium_from) return "medium";

  return "low";
}
