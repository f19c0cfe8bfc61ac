import type { NumericRange } from "./facts.js";
import type { Truth } from "./kleene.js";
import type { Comparison } from "./rules.js";

/**
 * Compares every value the fact may have with the threshold: true when all pass, false when
 * none does, unknown when the range straddles it.
 */
export function compareRange(range: NumericRange, op: Comparison, threshold: number): Truth {
  return compareBounds(range.min, range.max, op, threshold);
}

/** `compareRange` on a range given by its bounds, as the compiled engine holds them. */
export function compareBounds(min: number, max: number, op: Comparison, threshold: number): Truth {
  if (min === max) return compare(min, op, threshold);

  switch (op) {
    case "<":
    case "<=":
    case ">":
    case ">=": {
      // A monotone test passes for all of a range exactly when it passes at both ends.
      const passesAtMin = compare(min, op, threshold);
      if (passesAtMin === compare(max, op, threshold)) return passesAtMin;
      return null;
    }
    case "=":
      return threshold < min || threshold > max ? false : null;
    case "!=":
      return threshold < min || threshold > max ? true : null;
  }
}

function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "=":
      return value === threshold;
    case "!=":
      return value !== threshold;
  }
}
