import type { FactName, NumericRange, Signals } from "./facts.js";
import { andAll, not, orAll, type Truth } from "./kleene.js";
import type { Comparison, Condition } from "./rules.js";

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

/** Evaluates a condition tree over the signals with Kleene's three-valued logic. */
export function evaluateCondition(condition: Condition, signals: Signals): ConditionResult {
  if ("all" in condition || "any" in condition) {
    const isAll = "all" in condition;
    const results = (isAll ? condition.all : condition.any).map((child) =>
      evaluateCondition(child, signals),
    );
    const truth = (isAll ? andAll : orAll)(results.map((result) => result.truth));

    return { truth, reasons: reasonsOf(results, truth), missing: missingOf(results, truth) };
  }
  if ("not" in condition) {
    const inner = evaluateCondition(condition.not, signals);

    // What made the inner condition fail is exactly what makes its negation hold.
    return { truth: not(inner.truth), reasons: inner.reasons, missing: inner.missing };
  }

  return evaluateLeaf(condition, signals);
}

/**
 * A true `all` holds because of every child; a false one fails because of its false children.
 * A true `any` holds because of its true children; a false one fails because of every child.
 * Either way the reasons are those of the children whose truth equals the result's.
 */
function reasonsOf(results: ConditionResult[], truth: Truth): Reason[] {
  const reasons: Reason[] = [];
  if (truth === null) return reasons;
  // A loop, not filter and flatMap: this runs for every node of every customer's criteria.
  for (const result of results) if (result.truth === truth) reasons.push(...result.reasons);

  return reasons;
}

/** Only the children left unknown keep an unknown result from being decided. */
function missingOf(results: ConditionResult[], truth: Truth): ReadonlySet<FactName> {
  if (truth !== null) return NOTHING_MISSING;

  return new Set(
    results.filter((result) => result.truth === null).flatMap((result) => [...result.missing]),
  );
}

type Leaf = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>;

// Every customer's criteria are evaluated on every run: a decided leaf shares one empty set,
// and each leaf's test is written once per outcome rather than once per customer.
const NOTHING_MISSING: ReadonlySet<FactName> = new Set();
const describedTests = new WeakMap<Leaf, { held: string; failed: string }>();

function evaluateLeaf(leaf: Leaf, signals: Signals): ConditionResult {
  const value = leafValue(leaf, signals);
  if (value === undefined) return { truth: null, reasons: [], missing: new Set([leaf.fact]) };

  const truth = leafTruth(leaf, signals);
  if (truth === null) return { truth, reasons: [], missing: new Set([leaf.fact]) };

  const test = describeTestOnce(leaf, truth);
  const reason = {
    fact: leaf.fact,
    condition: `${leaf.fact} ${test}`,
    value,
    text: `${leaf.fact} = ${describeValue(value)} (${test})`,
  };

  return { truth, reasons: [reason], missing: NOTHING_MISSING };
}

function describeTestOnce(leaf: Leaf, held: boolean): string {
  let tests = describedTests.get(leaf);
  if (tests === undefined) {
    tests = { held: describeTest(leaf, true), failed: describeTest(leaf, false) };
    describedTests.set(leaf, tests);
  }

  return held ? tests.held : tests.failed;
}

function leafTruth(leaf: Leaf, signals: Signals): Truth {
  if ("op" in leaf) {
    const range = signals.numeric[leaf.fact];
    return range === undefined ? null : compareRange(range, leaf.op, leaf.value);
  }
  if ("is" in leaf) {
    const known = signals.boolean[leaf.fact];
    return known === undefined ? null : known === leaf.is;
  }
  const known = signals.category[leaf.fact];
  if (known === undefined) return null;

  return leaf.in.some((option) => option.toLowerCase() === known.toLowerCase());
}

/**
 * Compares every value the fact may have with the threshold: true when all pass, false when
 * none does, unknown when the range straddles it.
 */
export function compareRange(range: NumericRange, op: Comparison, threshold: number): Truth {
  const passes = (value: number): boolean => compare(value, op, threshold);
  if (range.min === range.max) return passes(range.min);

  switch (op) {
    case "<":
    case "<=":
    case ">":
    case ">=":
      // A monotone test passes for all of a range exactly when it passes at both ends.
      if (passes(range.min) && passes(range.max)) return true;
      if (!passes(range.min) && !passes(range.max)) return false;
      return null;
    case "=":
      return threshold < range.min || threshold > range.max ? false : null;
    case "!=":
      return threshold < range.min || threshold > range.max ? true : null;
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

function leafValue(leaf: Leaf, signals: Signals): Reason["value"] | undefined {
  if ("op" in leaf) {
    const range = signals.numeric[leaf.fact];
    return range === undefined ? undefined : rangeValue(range);
  }
  if ("is" in leaf) return signals.boolean[leaf.fact];

  return signals.category[leaf.fact];
}

/** An exact number, `never` for an infinite inactivity, or `>=N` for a lower bound. */
function rangeValue(range: NumericRange): number | string {
  if (range.min === Infinity) return "never";
  if (range.min === range.max) return range.min;
  if (range.max === Infinity) return `>=${range.min}`;

  return `${range.min}..${range.max}`;
}

/** A condition written as people read it: `days_to_renewal <= 60`, `plan in [Basic]`. */
export function describeCondition(condition: Condition): string {
  if ("all" in condition) return condition.all.map(describeCondition).join(" and ");
  if ("any" in condition) return `(${condition.any.map(describeCondition).join(" or ")})`;
  if ("not" in condition) return `not (${describeCondition(condition.not)})`;

  return `${condition.fact} ${describeTest(condition, true)}`;
}

const NEGATED: Record<Comparison, Comparison> = {
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
  "=": "!=",
  "!=": "=",
};

/** The leaf's test as it held: itself when it passed, its negation when it failed. */
function describeTest(leaf: Leaf, held: boolean): string {
  if ("op" in leaf) return `${held ? leaf.op : NEGATED[leaf.op]} ${leaf.value}`;
  if ("is" in leaf) return `is ${held ? leaf.is : !leaf.is}`;

  return `${held ? "in" : "not in"} [${leaf.in.join(", ")}]`;
}

function describeValue(value: Reason["value"]): string {
  return typeof value === "string" && value.startsWith(">=")
    ? `at least ${value.slice(2)}`
    : `${value}`;
}
