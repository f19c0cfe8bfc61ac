import { daysBetween, type CalendarDate } from "./dates.js";
import { createFactValues, factBit, type FactValues } from "./fact-values.js";
import {
  BOOLEAN_FACTS,
  CATEGORY_FACTS,
  NUMERIC_FACTS,
  type CustomerFacts,
  type NumericFact,
  type Signals,
  type UsageLevel,
} from "./facts.js";
import type { Rules } from "./rules.js";

/**
 * Turns one customer's raw facts into the signals the rules read, as of the date `asOf`.
 * All arithmetic is on calendar dates, so the answer does not depend on any time zone.
 */
export function deriveSignals(facts: CustomerFacts, asOf: CalendarDate, rules: Rules): Signals {
  const values = deriveFactValues(facts, asOf, rules);
  const signals: Signals = { numeric: {}, boolean: {}, category: {} };
  NUMERIC_FACTS.forEach((fact, index) => {
    if (isKnown(values, fact)) {
      signals.numeric[fact] = { min: values.min[index] ?? NaN, max: values.max[index] ?? NaN };
    }
  });
  if (isKnown(values, "usage_level")) signals.category.usage_level = values.category[USAGE];
  if (isKnown(values, "payment_failed")) signals.boolean.payment_failed = values.boolean[PAYMENT];
  if (isKnown(values, "plan")) signals.category.plan = values.category[PLAN];

  return signals;
}

const isKnown = (values: FactValues, fact: Parameters<typeof factBit>[0]) =>
  (values.known & factBit(fact)) !== 0;

interface FactSlot {
  index: number;
  bit: number;
}

const at = (fact: NumericFact): FactSlot => ({
  index: NUMERIC_FACTS.indexOf(fact),
  bit: factBit(fact),
});
const RENEWAL = at("days_to_renewal");
const AGE = at("account_age_days");
const TICKETS = at("support_tickets");
const INACTIVITY = at("days_since_last_login");
const LOGINS = at("logins_30d");
const FEATURES = at("features_used_30d");
const PAYMENT = BOOLEAN_FACTS.indexOf("payment_failed");
const PLAN = CATEGORY_FACTS.indexOf("plan");
const USAGE = CATEGORY_FACTS.indexOf("usage_level");
const PAYMENT_BIT = factBit("payment_failed");
const PLAN_BIT = factBit("plan");
const USAGE_BIT = factBit("usage_level");

/** `deriveSignals` as flat values, the form the engine evaluates for every customer. */
export function deriveFactValues(
  facts: CustomerFacts,
  asOf: CalendarDate,
  rules: Rules,
): FactValues {
  const values = createFactValues();

  if (facts.contractEndDate !== undefined) {
    setRange(values, RENEWAL, daysBetween(asOf, facts.contractEndDate));
  }
  if (facts.accountStartDate !== undefined) {
    setRange(values, AGE, daysBetween(facts.accountStartDate, asOf));
  }
  if (facts.supportTickets !== undefined) setRange(values, TICKETS, facts.supportTickets);

  const lastLogin = facts.lastLogin;
  if (lastLogin?.kind === "date") {
    setRange(values, INACTIVITY, daysBetween(lastLogin.date, asOf));
  } else if (lastLogin?.kind === "none_since") {
    // No login on or after that date: the last one, if any, was at least a day before it.
    setRange(values, INACTIVITY, daysBetween(lastLogin.date, asOf) + 1, Infinity);
  } else if (lastLogin?.kind === "never") {
    setRange(values, INACTIVITY, Infinity);
  }

  // Users known to have never logged in have a known zero, not an unknown.
  const neverLoggedIn = lastLogin?.kind === "never";
  const logins = facts.logins30d ?? (neverLoggedIn ? 0 : undefined);
  const features = facts.featuresUsed30d ?? (neverLoggedIn ? 0 : undefined);
  if (logins !== undefined) {
    setRange(values, LOGINS, logins);
    values.known |= USAGE_BIT;
    values.category[USAGE] = usageLevelOf(logins, rules);
  }
  if (features !== undefined) setRange(values, FEATURES, features);

  if (facts.paymentFailed !== undefined) {
    values.known |= PAYMENT_BIT;
    values.boolean[PAYMENT] = facts.paymentFailed;
  }
  if (facts.plan !== undefined && facts.plan.trim() !== "") {
    values.known |= PLAN_BIT;
    values.category[PLAN] = facts.plan.trim();
  }

  return values;
}

function setRange(values: FactValues, at: FactSlot, min: number, max = min): void {
  values.known |= at.bit;
  values.min[at.index] = min;
  values.max[at.index] = max;
}

export function usageLevelOf(logins30d: number, rules: Rules): UsageLevel {
  if (logins30d >= rules.usage_levels.high_from) return "high";
  if (logins30d >= rules.usage_levels.medium_from) return "medium";

  return "low";
}
