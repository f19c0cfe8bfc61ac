import { compileCondition } from "./compile-condition.js";
import { describeTest } from "./describe-test.js";
import { factValuesOf } from "./fact-values.js";
import type { FactName, Signals } from "./facts.js";
import type { Truth } from "./kleene.js";
import { oncePerObject } from "./once-per-object.js";
import type { Condition } from "./rules.js";

/** A leaf condition as it held, with the value that made it hold. */
export interface Reason {
  fact: FactName;
  /**
   * The leaf as it held, e.g. `days_to_renewal <= 60`; a leaf that failed is given as its
   * negation, `days_to_renewal > 60`.
   */
  condition: string;
  value: number | string | boolean;
  text: string;
}

export interface ConditionResult {
  truth: Truth;
  /**
   * The leaf conditions that decided the result: for a true result, what held; for a false
   * one, what made it fail (each leaf as it held, so a failed `<= 60` reads `> 60`). Empty
   * when the result is unknown.
   */
  reasons: Reason[];
  /** The facts whose absence left the result unknown; empty when the result is decided. */
  missing: ReadonlySet<FactName>;
}

const NOTHING_MISSING: ReadonlySet<FactName> = new Set();

/** Compiles `condition` the first time it is asked for; see `compileCondition`. */
export const compileConditionOnce = oncePerObject(compileCondition);

/** Evaluates a condition tree over the signals with Kleene's three-valued logic. */
export function evaluateCondition(condition: Condition, signals: Signals): ConditionResult {
  const compiledCondition = compileConditionOnce(condition);
  const values = factValuesOf(signals);
  const truth = compiledCondition.truthOf(values);
  if (truth === null) {
    const missing = new Set<FactName>();
    compiledCondition.addMissing(values, missing);
    return { truth, reasons: [], missing };
  }

  const reasons: Reason[] = [];
  compiledCondition.explain(values, truth, reasons);

  return { truth, reasons, missing: NOTHING_MISSING };
}

/** A condition written as people read it: `days_to_renewal <= 60`, `plan in [Basic]`. */
export function describeCondition(condition: Condition): string {
  if ("all" in condition) return condition.all.map(describeCondition).join(" and ");
  if ("any" in condition) return `(${condition.any.map(describeCondition).join(" or ")})`;
  if ("not" in condition) return `not (${describeCondition(condition.not)})`;

  return `${condition.fact} ${describeTest(condition, true)}`;
}
