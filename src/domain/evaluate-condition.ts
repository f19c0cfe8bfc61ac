import type { FactName, NumericRange, Signals } from "./facts.js";
import { andAll, not, orAll, type Truth } from "./kleene.js";
import type { Comparison, Condition } from "./rules.js";

/** A condition that held, with the value that made it hold. */
export interface Reason {
  fact: FactName;
  condition: string;
  value: number | string | boolean;
  text: string;
}

export interface ConditionResult {
  truth: Truth;
  /** The leaf conditions that held and decided a true result; empty unless `truth` is true. */
  reasons: Reason[];
  /** Facts whose leaf conditions were unknown. */
  missing: Set<FactName>;
}

/** Evaluates a condition tree over the signals with Kleene's three-valued logic. */
export function evaluateCondition(condition: Condition, signals: Signals): ConditionResult {
  if ("all" in condition || "any" in condition) {
    const children = "all" in condition ? condition.all : condition.any;
    const results = children.map((child) => evaluateCondition(child, signals));
    const truths = results.map((result) => result.truth);
    const truth = "all" in condition ? andAll(truths) : orAll(truths);
    const reasons = truth ? results.filter((r) => r.truth === true).flatMap((r) => r.reasons) : [];

    return { truth, reasons, missing: unionOf(results.map((r) => r.missing)) };
  }
  if ("not" in condition) {
    const inner = evaluateCondition(condition.not, signals);
    const truth = not(inner.truth);
    const reasons = truth ? negatedReasons(condition.not, signals) : [];

    return { truth, reasons, missing: inner.missing };
  }

  return evaluateLeaf(condition, signals);
}

type Leaf = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>;

function evaluateLeaf(leaf: Leaf, signals: Signals): ConditionResult {
  const value = leafValue(leaf, signals);
  if (value === undefined) return { truth: null, reasons: [], missing: new Set([leaf.fact]) };

  const truth = leafTruth(leaf, signals);
  const condition = describeCondition(leaf);
  const reasons = truth
    ? [
        {
          fact: leaf.fact,
          condition,
          value,
          text: `${leaf.fact} = ${describeValue(value)} (${describeTest(leaf)})`,
        },
      ]
    : [];

  return { truth, reasons, missing: new Set() };
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

function negatedReasons(condition: Condition, signals: Signals): Reason[] {
  const text = `not (${describeCondition(condition)})`;

  return leavesOf(condition).flatMap((leaf) => {
    const value = leafValue(leaf, signals);
    if (value === undefined) return [];
    return [
      {
        fact: leaf.fact,
        condition: text,
        value,
        text: `${leaf.fact} = ${describeValue(value)} (${text})`,
      },
    ];
  });
}

function leavesOf(condition: Condition): Leaf[] {
  if ("all" in condition) return condition.all.flatMap(leavesOf);
  if ("any" in condition) return condition.any.flatMap(leavesOf);
  if ("not" in condition) return leavesOf(condition.not);

  return [condition];
}

/** A condition written as people read it: `days_to_renewal <= 60`, `plan in [Basic]`. */
export function describeCondition(condition: Condition): string {
  if ("all" in condition) return condition.all.map(describeCondition).join(" and ");
  if ("any" in condition) return `(${condition.any.map(describeCondition).join(" or ")})`;
  if ("not" in condition) return `not (${describeCondition(condition.not)})`;

  return `${condition.fact} ${describeTest(condition)}`;
}

function describeTest(leaf: Leaf): string {
  if ("op" in leaf) return `${leaf.op} ${leaf.value}`;
  if ("is" in leaf) return `is ${leaf.is}`;

  return `in [${leaf.in.join(", ")}]`;
}

function describeValue(value: Reason["value"]): string {
  return typeof value === "string" && value.startsWith(">=")
    ? `at least ${value.slice(2)}`
    : `${value}`;
}

function unionOf(sets: Set<FactName>[]): Set<FactName> {
  return new Set(sets.flatMap((set) => [...set]));
}
