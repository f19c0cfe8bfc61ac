import { NUMERIC_FACTS, type NumericFact } from "../src/domain/facts.js";
import type { Comparison, Condition, Rules } from "../src/domain/rules.js";

const SQL_OPERATORS: Record<Comparison, string> = {
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "=": "=",
  "!=": "<>",
};

/**
 * The rules as one SQL `CASE` expression over a row of facts, giving the segment id, `data_gap`
 * or `none` exactly as `decideSegment` does. SQL's NULL is Kleene's unknown, so `and`, `or` and
 * `not` carry over as they are: a segment is chosen when its criteria are `IS TRUE`, Healthy &
 * Stable (`only_when_earlier_false`) also needs every earlier criterion `IS FALSE`, and with no
 * segment chosen any criterion `IS NULL` makes a data gap.
 *
 * The facts row has, per numeric fact, `<fact>_min` and `<fact>_max` (NULL when unknown; an
 * inactivity bound has `'inf'` as its max), `payment_failed` as a boolean, and `plan` and
 * `usage_level` as text.
 */
export function compileRulesToSql(rules: Rules): string {
  const criteria = rules.precedence.map((id) => ({
    id,
    truth: compileCondition(rules.segments[id].criteria),
  }));
  const choices = criteria.map(({ id, truth }, index) => {
    const earlier = criteria.slice(0, index).map((before) => `(${before.truth}) IS FALSE`);
    const guard = rules.segments[id].only_when_earlier_false ? earlier : [];
    const test = [`(${truth}) IS TRUE`, ...guard].join(" AND ");
    return `WHEN ${test} THEN ${quote(id)}`;
  });
  const undecided = criteria.map(({ truth }) => `(${truth}) IS NULL`).join(" OR ");

  return ["CASE", ...choices, `WHEN ${undecided} THEN 'data_gap'`, "ELSE 'none' END"].join("\n");
}

/** `usage_level` from `logins_30d`, with the rules' thresholds. */
export function compileUsageLevelSql(rules: Rules, logins: string): string {
  const { medium_from: medium, high_from: high } = rules.usage_levels;

  return (
    `CASE WHEN ${logins} >= ${high} THEN 'high' WHEN ${logins} >= ${medium} THEN 'medium' ` +
    `WHEN ${logins} IS NOT NULL THEN 'low' END`
  );
}

function compileCondition(condition: Condition): string {
  if ("all" in condition) return `(${condition.all.map(compileCondition).join(" AND ")})`;
  if ("any" in condition) return `(${condition.any.map(compileCondition).join(" OR ")})`;
  if ("not" in condition) return `(NOT ${compileCondition(condition.not)})`;
  if ("op" in condition) return compileComparison(condition.fact, condition.op, condition.value);
  if ("is" in condition) return `(${condition.fact} = ${condition.is ? "TRUE" : "FALSE"})`;

  const options = condition.in.map((option) => quote(option.toLowerCase())).join(", ");
  return `(lower(${condition.fact}) IN (${options}))`;
}

/**
 * A numeric fact is a range: the comparison is true when both ends pass, false when neither
 * does, and unknown when the range straddles the threshold or the fact is unknown.
 */
function compileComparison(fact: NumericFact, op: Comparison, value: number): string {
  if (!NUMERIC_FACTS.includes(fact)) throw new Error(`${fact} is not a numeric fact`);
  const passes = (end: "min" | "max") => `${fact}_${end} ${SQL_OPERATORS[op]} ${value}`;

  return (
    `(CASE WHEN ${fact}_min IS NULL THEN NULL` +
    ` WHEN ${passes("min")} AND ${passes("max")} THEN TRUE` +
    ` WHEN NOT (${passes("min")}) AND NOT (${passes("max")}) THEN FALSE END)`
  );
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
