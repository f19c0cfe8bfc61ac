import type { Comparison, Condition } from "./rules.js";

/** A condition on one fact: a comparison, a yes/no test or a list of categories. */
export type Leaf = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>;

const NEGATED: Record<Comparison, Comparison> = {
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
  "=": "!=",
  "!=": "=",
};

/** The leaf's test as it held: itself when it passed, its negation when it failed. */
export function describeTest(leaf: Leaf, held: boolean): string {
  if ("op" in leaf) return `${held ? leaf.op : NEGATED[leaf.op]} ${leaf.value}`;
  if ("is" in leaf) return `is ${held ? leaf.is : !leaf.is}`;

  return `${held ? "in" : "not in"} [${leaf.in.join(", ")}]`;
}
