import type { CalendarDate } from "./dates.js";
import { deriveSignals } from "./derive-signals.js";
import { evaluateCondition, type Reason } from "./evaluate-condition.js";
import {
  FACT_NAMES,
  type BooleanFact,
  type CategoryFact,
  type CustomerFacts,
  type FactName,
  type NumericFact,
  type Signals,
} from "./facts.js";
import type { Truth } from "./kleene.js";
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
 */
export function decideSegment(facts: CustomerFacts, asOf: CalendarDate, rules: Rules): Decision {
  const signals = deriveSignals(facts, asOf, rules);
  const undecided: PossibleSegment[] = [];
  const earlier: Truth[] = [];

  for (const id of rules.precedence) {
    const rule = rules.segments[id];
    const result = evaluateCondition(rule.criteria, signals);
    const blocked = rule.only_when_earlier_false && earlier.some((truth) => truth !== false);

    if (result.truth === true && !blocked) {
      return {
        customerId: facts.customerId,
        name: facts.name,
        asOf,
        unknown: unknownFacts(signals, rules),
        segment: id,
        label: rule.label,
        action: rule.action,
        due: rule.due,
        taskTitle: rule.task_title.replaceAll("{name}", facts.name || facts.customerId),
        reasons: result.reasons,
        possibly: undecided,
      };
    }
    if (result.truth === null) {
      undecided.push({ segment: id, missing: inFactOrder(result.missing) });
    }
    if (result.truth === true && blocked) {
      // Its own criteria hold; what it lacks is what the undecided segments before it lack.
      undecided.push({ segment: id, missing: inFactOrder(undecided.flatMap((u) => u.missing)) });
    }
    earlier.push(result.truth);
  }

  const segment = undecided.length > 0 ? "data_gap" : "none";

  return {
    customerId: facts.customerId,
    name: facts.name,
    asOf,
    unknown: unknownFacts(signals, rules),
    segment,
    label: BUCKET_LABELS[segment],
    action: null,
    due: null,
    taskTitle: null,
    reasons: [],
    possibly: undecided,
  };
}

function inFactOrder(facts: Iterable<FactName>): FactName[] {
  const wanted = new Set(facts);

  return FACT_NAMES.filter((fact) => wanted.has(fact));
}

// Written out rather than spread: a decision is made for every customer on every run, and
// spreading objects here made evaluation several times slower.
function unknownFacts(signals: Signals, rules: Rules): UnknownFact[] {
  const unknown: UnknownFact[] = [];
  for (const fact of FACT_NAMES) {
    const known =
      signals.numeric[fact as NumericFact] ??
      signals.boolean[fact as BooleanFact] ??
      signals.category[fact as CategoryFact];
    if (known === undefined) unknown.push({ fact, source: rules.fact_sources[fact] });
  }

  return unknown;
}
