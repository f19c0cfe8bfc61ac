import type { BooleanFact, CategoryFact, FactName, NumericFact } from "./facts.js";

export const SEGMENT_IDS = [
  "revenue_at_risk",
  "engagement_drop",
  "expansion_opportunity",
  "onboarding_stuck",
  "healthy_stable",
] as const;

export type SegmentId = (typeof SEGMENT_IDS)[number];

/** Where a customer lands: a segment, `data_gap` (no segment decidable), or `none`. */
export type Bucket = SegmentId | "data_gap" | "none";

export const COMPARISONS = ["<", "<=", ">", ">=", "=", "!="] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type Condition =
  | { fact: NumericFact; op: Comparison; value: number }
  | { fact: BooleanFact; is: boolean }
  | { fact: CategoryFact; in: string[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type Due = { hours: number } | { days: number } | { every: "quarter" };

export interface SegmentRule {
  label: string;
  action: string;
  task_title: string;
  due: Due;
  /** Assign only when every segment before it is known to be false (Healthy & Stable). */
  only_when_earlier_false: boolean;
  criteria: Condition;
}

/** The rules configuration, as validated from YAML. */
export interface Rules {
  version: 1;
  windows: { support_tickets_days: number; usage_days: number };
  usage_levels: { medium_from: number; high_from: number };
  precedence: SegmentId[];
  segments: Record<SegmentId, SegmentRule>;
  fact_sources: Record<FactName, string>;
}
