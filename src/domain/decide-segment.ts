import type { CalendarDate } from "./dates.js";
import { compileRulesOnce } from "./compile-rules.js";
import { deriveFactValues } from "./derive-signals.js";
import type { Reason } from "./evaluate-condition.js";
import type { FactValues } from "./fact-values.js";
import { FACT_NAMES, type CustomerFacts, type FactName } from "./facts.js";
import type { Bucket, Due, Rules, SegmentId } from "./rules.js";

/** A fact that was unknown, and the source that should have supplied it. */
export interface UnknownFact {
  fact: FactName;
  source: string;
}

/**
 * A segment that possibly applies, before the chosen one (or anywhere, for a data gap): its
 * criteria unknown, or true but held back by an undecided segment before it. `missing` is what
 * would decide it: the unknown facts its criteria turn on, or those the segments before it lack.
 */
export interface PossibleSegment {
  segment: SegmentId;
  missing: FactName[];
}

/** One customer's segment decision with its explanation. */
export interface Decision {
  customerId: string;
  name: string;
  asOf: CalendarDate;
  segment: Bucket;
  label: string;
  action: string | null;
  due: Due | null;
  taskTitle: string | null;
  reasons: Reason[];
  unknown: UnknownFact[];
  possibly: PossibleSegment[];
}

export const BUCKET_LABELS = {
  data_gap: "Data gap",
  none: "No segment",
} as const;

/**
 * Decides one customer's segment as of `asOf`: the first segment in precedence order whose
 * criteria are true. A segment marked `only_when_earlier_false` (Healthy & Stable) also needs
 * every segment before it to be known false, so it is never assigned on missing data. With no
 * segment true, a customer with any undecidable criteria is a data gap; otherwise it is none.
 *
 * The rules are compiled the first time they are used (see `compileRulesOnce`): change a copy
 * of a rules object, not one already used.
 */
export function decideSegment(facts: CustomerFacts, asOf: CalendarDate, rules: Rules): Decision {
  const compiled = compileRulesOnce(rules);
  const values = deriveFactValues(facts, asOf, rules);
  const undecided: PossibleSegment[] = [];
  let earlierAllFalse = true;

  for (const { id, rule, criteria, titleOf } of compiled.segments) {
    const truth = criteria.truthOf(values);
    const blocked = rule.only_when_earlier_false && !earlierAllFalse;

    if (truth === true && !blocked) {
      const explained: Reason[] = [];
      criteria.explain(values, truth, explained);

      return {
        customerId: facts.customerId,
        name: facts.name,
        asOf,
        unknown: unknownFacts(values, compiled.sources),
        segment: id,
        label: rule.label,
        action: rule.action,
        due: rule.due,
        taskTitle: titleOf(facts.name || facts.customerId),
        // Copied to its length: an array grown by pushing keeps room for 16, and every run keeps
        // every customer's decision.
        reasons: explained.slice(),
        possibly: possiblyOf(undecided),
      };
    }
    if (truth === null) {
      const missing = new Set<FactName>();
      criteria.addMissing(values, missing);
      undecided.push({ segment: id, missing: inFactOrder(missing) });
    }
    if (truth === true && blocked) {
      // Its own criteria hold; what it lacks is what the undecided segments before it lack.
      undecided.push({ segment: id, missing: inFactOrder(undecided.flatMap((u) => u.missing)) });
    }
    if (truth !== false) earlierAllFalse = false;
  }

  const segment = undecided.length > 0 ? "data_gap" : "none";

  return {
    customerId: facts.customerId,
    name: facts.name,
    asOf,
    unknown: unknownFacts(values, compiled.sources),
    segment,
    label: BUCKET_LABELS[segment],
    action: null,
    due: null,
    taskTitle: null,
    reasons: NO_REASONS,
    possibly: possiblyOf(undecided),
  };
}

function inFactOrder(facts: Iterable<FactName>): FactName[] {
  const wanted = new Set(facts);

  return FACT_NAMES.filter((fact) => wanted.has(fact));
}

const ALL_FACTS_KNOWN = (1 << FACT_NAMES.length) - 1;

// Most customers have every fact known and nothing that possibly applies, and a run keeps every
// customer's decision: those share these empty lists, frozen so that nothing can be added to one.
const NO_REASONS = Object.freeze<Reason[]>([]) as Reason[];
const NO_UNKNOWN_FACTS = Object.freeze<UnknownFact[]>([]) as UnknownFact[];
const NO_POSSIBLE_SEGMENTS = Object.freeze<PossibleSegment[]>([]) as PossibleSegment[];

function unknownFacts(values: FactValues, sources: readonly UnknownFact[]): UnknownFact[] {
  if (values.known === ALL_FACTS_KNOWN) return NO_UNKNOWN_FACTS;

  return sources
    .filter((_, index) => (values.known & (1 << index)) === 0)
    .map(({ fact, source }) => ({ fact, source }));
}

function possiblyOf(undecided: PossibleSegment[]): PossibleSegment[] {
  return undecided.length === 0 ? NO_POSSIBLE_SEGMENTS : undecided;
}
