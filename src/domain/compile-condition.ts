import { compareBounds } from "./compare-range.js";
import { describeTest, type Leaf } from "./describe-test.js";
import type { Reason } from "./evaluate-condition.js";
import { factBit, type FactValues } from "./fact-values.js";
import { BOOLEAN_FACTS, CATEGORY_FACTS, NUMERIC_FACTS, type FactName } from "./facts.js";
import type { Truth } from "./kleene.js";
import type { Condition } from "./rules.js";

/**
 * A condition tree turned once into functions over one customer's fact values. Everything that
 * depends on the condition alone (which slot a fact is in, each leaf's wording) is worked out
 * when it is compiled, and the truth is found without allocating: the engine runs every
 * segment's criteria for every customer, but explains only the segment it chooses.
 */
export interface CompiledCondition {
  /** The condition's truth in Kleene's three-valued logic. */
  truthOf(values: FactValues): Truth;
  /**
   * Adds to `missing`, in the order the tree meets them, the facts whose absence leaves the
   * condition unknown. Only for a condition whose truth is unknown.
   */
  addMissing(values: FactValues, missing: Set<FactName>): void;
  /**
   * Appends the leaf conditions that decided it to `reasons`, given its truth on these values:
   * for a true result what held, for a false one what made it fail, each leaf as it held.
   */
  explain(values: FactValues, truth: boolean, reasons: Reason[]): void;
}

/** Compiles a condition tree; see `CompiledCondition`. */
export function compileCondition(condition: Condition): CompiledCondition {
  if ("all" in condition) return compileJunction(condition.all.map(compileCondition), false);
  if ("any" in condition) return compileJunction(condition.any.map(compileCondition), true);
  if ("not" in condition) return compileNot(compileCondition(condition.not));
  if ("op" in condition) return compileComparison(condition);
  if ("is" in condition) return compileYesNo(condition);

  return compileCategories(condition);
}

/**
 * `all` (decided by any false child) or `any` (decided by any true child): otherwise unknown if
 * any child is unknown. Either way its reasons are those of the children whose truth equals
 * its own, and its missing facts those of its unknown children.
 */
function compileJunction(children: CompiledCondition[], decisive: boolean): CompiledCondition {
  return {
    truthOf(values) {
      let truth: Truth = !decisive;
      for (const child of children) {
        const childTruth = child.truthOf(values);
        if (childTruth === decisive) return decisive;
        if (childTruth === null) truth = null;
      }

      return truth;
    },
    addMissing(values, missing) {
      for (const child of children) {
        if (child.truthOf(values) === null) child.addMissing(values, missing);
      }
    },
    explain(values, truth, reasons) {
      for (const child of children) {
        if (child.truthOf(values) === truth) child.explain(values, truth, reasons);
      }
    },
  };
}

function compileNot(inner: CompiledCondition): CompiledCondition {
  return {
    truthOf(values) {
      const truth = inner.truthOf(values);
      return truth === null ? null : !truth;
    },
    addMissing: (values, missing) => inner.addMissing(values, missing),
    // What made the inner condition fail is exactly what makes its negation hold.
    explain: (values, truth, reasons) => inner.explain(values, !truth, reasons),
  };
}

type Comparison = Extract<Leaf, { op: unknown }>;

function compileComparison(leaf: Comparison): CompiledCondition {
  const index = NUMERIC_FACTS.indexOf(leaf.fact);
  const bit = factBit(leaf.fact);
  const { op, value: threshold } = leaf;
  const minOf = (values: FactValues) => values.min[index] ?? NaN;
  const maxOf = (values: FactValues) => values.max[index] ?? NaN;

  return compileLeaf(leaf, {
    truthOf: (values) =>
      (values.known & bit) === 0
        ? null
        : compareBounds(minOf(values), maxOf(values), op, threshold),
    valueOf: (values) => rangeValue(minOf(values), maxOf(values)),
  });
}

function compileYesNo(leaf: Extract<Leaf, { is: unknown }>): CompiledCondition {
  const index = BOOLEAN_FACTS.indexOf(leaf.fact);
  const bit = factBit(leaf.fact);

  return compileLeaf(leaf, {
    truthOf: (values) => ((values.known & bit) === 0 ? null : values.boolean[index] === leaf.is),
    valueOf: (values) => values.boolean[index] ?? false,
  });
}

/** Categories compare case-insensitively, so `Basic` in the rules matches a `basic` plan. */
function compileCategories(leaf: Extract<Leaf, { in: unknown }>): CompiledCondition {
  const index = CATEGORY_FACTS.indexOf(leaf.fact);
  const bit = factBit(leaf.fact);
  const options = leaf.in.map((option) => option.toLowerCase());

  return compileLeaf(leaf, {
    truthOf: (values) =>
      (values.known & bit) === 0
        ? null
        : options.includes((values.category[index] ?? "").toLowerCase()),
    valueOf: (values) => values.category[index] ?? "",
  });
}

/** A leaf's value as its reason gives it; only read when the fact is known. */
type ValueOf = (values: FactValues) => Reason["value"];

/**
 * A leaf from its test and value. Its reason's wording is fixed but for the value, so it is
 * written once: `days_to_renewal <= 60` and `days_to_renewal = 45 (<= 60)` when it held,
 * `days_to_renewal > 60` and `days_to_renewal = 90 (> 60)` when it failed.
 */
function compileLeaf(
  leaf: Leaf,
  test: { truthOf: CompiledCondition["truthOf"]; valueOf: ValueOf },
): CompiledCondition {
  const { fact } = leaf;
  const wordingOf = (held: boolean) => {
    const described = describeTest(leaf, held);
    const texts = new Map<Reason["value"], string>();
    const textOf = (value: Reason["value"]) => {
      let text = texts.get(value);
      if (text === undefined) {
        text = `${fact} = ${describeValue(value)} (${described})`;
        texts.set(value, text);
      }
      return text;
    };
    return { condition: `${fact} ${described}`, textOf };
  };
  const held = wordingOf(true);
  const failed = wordingOf(false);

  return {
    truthOf: test.truthOf,
    addMissing: (_values, missing) => missing.add(fact),
    explain(values, truth, reasons) {
      const wording = truth ? held : failed;
      const value = test.valueOf(values);
      reasons.push({
        fact,
        condition: wording.condition,
        value,
        text: wording.textOf(value),
      });
    },
  };
}

/** An exact number, `never` for an infinite inactivity, or `>=N` for a lower bound. */
function rangeValue(min: number, max: number): number | string {
  if (min === Infinity) return "never";
  if (min === max) return min;
  if (max === Infinity) return `>=${min}`;

  return `${min}..${max}`;
}

function describeValue(value: Reason["value"]): string {
  return typeof value === "string" && value.startsWith(">=")
    ? `at least ${value.slice(2)}`
    : `${value}`;
}
