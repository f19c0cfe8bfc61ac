import { z } from "zod";

import {
  BOOLEAN_FACTS,
  CATEGORY_FACTS,
  FACT_NAMES,
  NUMERIC_FACTS,
  USAGE_LEVELS,
  type FactName,
} from "../domain/facts.js";
import { COMPARISONS, SEGMENT_IDS, type Condition, type Rules } from "../domain/rules.js";

const days = z.number().int().nonnegative();

const numericLeaf = z.strictObject({
  fact: z.enum(NUMERIC_FACTS),
  op: z.enum(COMPARISONS),
  value: z.number().int(),
});
const booleanLeaf = z.strictObject({
  fact: z.enum(BOOLEAN_FACTS),
  is: z.boolean(),
});
const categoryLeaf = z.strictObject({
  fact: z.enum(CATEGORY_FACTS),
  in: z.array(z.string().min(1)).min(1),
});
// A misspelt level would make its rule silently never hold, so only the real levels pass.
const usageLevelLeaf = z.strictObject({
  fact: z.literal("usage_level"),
  in: z
    .array(
      z
        .string()
        .refine((level) => (USAGE_LEVELS as readonly string[]).includes(level.toLowerCase()), {
          error: `expected one of ${USAGE_LEVELS.join(", ")}`,
        }),
    )
    .min(1),
});

/** Names a missing key as missing, where zod would say "expected string, received undefined". */
const describeMissing: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined
    ? `missing; expected ${issue.expected}`
    : undefined;

/**
 * A condition is validated by its shape's own schema, chosen from its keys, so that a mistake
 * is reported as what that shape expected rather than as "matches no alternative".
 */
const condition: z.ZodType<Condition> = z.lazy(() =>
  z.unknown().check((ctx) => {
    const value = ctx.value;
    const schema = schemaForCondition(value);
    if (schema === undefined) {
      ctx.issues.push({
        code: "custom",
        input: value,
        message:
          "expected a condition: { fact, op, value }, { fact, is }, { fact, in }, " +
          "{ all: [...] }, { any: [...] } or { not: ... }",
      });
      return;
    }
    const result = schema.safeParse(value, { error: describeMissing });
    for (const issue of result.error?.issues ?? []) {
      ctx.issues.push({ ...issue, input: value, path: issue.path } as never);
    }
  }),
) as z.ZodType<Condition>;

function schemaForCondition(value: unknown): z.ZodType | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  if ("all" in value) return z.strictObject({ all: z.array(condition).min(1) });
  if ("any" in value) return z.strictObject({ any: z.array(condition).min(1) });
  if ("not" in value) return z.strictObject({ not: condition });
  if (!("fact" in value)) return undefined;

  const fact = value.fact as FactName;
  if ((BOOLEAN_FACTS as readonly string[]).includes(fact)) return booleanLeaf;
  if (fact === "usage_level") return usageLevelLeaf;
  if ((CATEGORY_FACTS as readonly string[]).includes(fact)) return categoryLeaf;
  if ((NUMERIC_FACTS as readonly string[]).includes(fact)) return numericLeaf;

  return z.strictObject({ fact: z.enum(FACT_NAMES as [FactName, ...FactName[]]) }).loose();
}

const due = z.union(
  [
    z.strictObject({ hours: z.number().int().positive() }),
    z.strictObject({ days: z.number().int().positive() }),
    z.strictObject({ every: z.literal("quarter") }),
  ],
  { error: "expected { hours: N }, { days: N } or { every: quarter }" },
);

const segmentRule = z.strictObject({
  label: z.string().min(1),
  action: z.string().min(1),
  task_title: z.string().min(1),
  due,
  only_when_earlier_false: z.boolean().default(false),
  criteria: condition,
});

const segmentId = z.enum(SEGMENT_IDS);

const factSources = z.strictObject(
  Object.fromEntries(FACT_NAMES.map((fact) => [fact, z.string().min(1)])) as Record<
    FactName,
    z.ZodString
  >,
);

export const rulesSchema: z.ZodType<Rules> = z.strictObject({
  version: z.literal(1),
  windows: z.strictObject({
    support_tickets_days: days.positive(),
    usage_days: days.positive(),
  }),
  usage_levels: z.strictObject({ medium_from: days, high_from: days }).check((ctx) => {
    if (ctx.value.medium_from >= ctx.value.high_from) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: ["high_from"],
        message: `expected high_from above medium_from (${ctx.value.medium_from})`,
      });
    }
  }),
  precedence: z.array(segmentId).check((ctx) => {
    for (const id of SEGMENT_IDS) {
      const count = ctx.value.filter((entry) => entry === id).length;
      if (count !== 1) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          message: `expected every segment exactly once; ${id} appears ${count} times`,
        });
      }
    }
  }),
  segments: z.strictObject(
    Object.fromEntries(SEGMENT_IDS.map((id) => [id, segmentRule])) as Record<
      (typeof SEGMENT_IDS)[number],
      typeof segmentRule
    >,
  ),
  fact_sources: factSources,
});

/** Validates parsed rules, collecting every issue rather than stopping at the first. */
export function safeParseRules(data: unknown): z.ZodSafeParseResult<Rules> {
  return rulesSchema.safeParse(data, { error: describeMissing });
}
