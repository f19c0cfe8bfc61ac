import type { FactName, Signals } from "../facts.js";

/**
 * A fact's value on today's facts, as people read it: `3`, `false`, `low`, `never` (users
 * who never logged in), `at least 20` (a lower bound), or `unknown`.
 */
export function describeFactValue(fact: FactName, facts: Signals): string {
  const range = facts.numeric[fact as keyof Signals["numeric"]];
  if (range !== undefined) {
    if (range.min === Infinity) return "never";
    if (range.min === range.max) return String(range.min);
    if (range.max === Infinity) return `at least ${range.min}`;
    return `${range.min} to ${range.max}`;
  }
  const known =
    facts.boolean[fact as keyof Signals["boolean"]] ??
    facts.category[fact as keyof Signals["category"]];

  return known === undefined ? "unknown" : String(known);
}
