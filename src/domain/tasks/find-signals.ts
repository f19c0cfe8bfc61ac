import { describeCondition, evaluateCondition } from "../evaluate-condition.js";
import type { Signals } from "../facts.js";
import type { Truth } from "../kleene.js";
import type { Condition, Rules, SegmentId } from "../rules.js";
import type { Signal } from "./task.js";

/**
 * The signals of `segment` that hold on today's facts: each condition under an `any` of its
 * criteria that is true, or the criteria as a whole for a segment without `any` (see `Signal`).
 * Call it for the customer's segment, whose criteria are true.
 */
export function findSignals(segment: SegmentId, facts: Signals, rules: Rules): Signal[] {
  const criteria = rules.segments[segment].criteria;
  const held = new Map<string, Signal>();

  for (const leaf of leavesUnderAny(criteria, false)) {
    const result = evaluateCondition(leaf, facts);
    const reason = result.reasons[0];
    if (result.truth !== true || reason === undefined) continue;

    const key = describeCondition(leaf);
    if (!held.has(key)) held.set(key, { key, text: reason.text, condition: leaf });
  }
  if (held.size > 0) return [...held.values()];

  return [wholeSegmentSignal(segment, facts, rules)];
}

/** Whether an acknowledged signal holds on today's facts: true, false, or unknown (`null`). */
export function evaluateSignal(signal: Signal, facts: Signals): Truth {
  return evaluateCondition(signal.condition, facts).truth;
}

/** The keys of `signals` that are not among `known`: the new ones. */
export function findNewSignals(signals: Signal[], known: Signal[]): Signal[] {
  const knownKeys = new Set(known.map((signal) => signal.key));

  return signals.filter((signal) => !knownKeys.has(signal.key));
}

function wholeSegmentSignal(segment: SegmentId, facts: Signals, rules: Rules): Signal {
  const rule = rules.segments[segment];
  const reasons = evaluateCondition(rule.criteria, facts).reasons;

  return {
    key: `segment ${segment}`,
    text: `${rule.label}: ${reasons.map((reason) => reason.text).join("; ")}`,
    condition: rule.criteria,
  };
}

/** Leaf conditions with an `any` above them; nothing under a `not`, which only restricts. */
function leavesUnderAny(condition: Condition, underAny: boolean): Condition[] {
  if ("all" in condition) return condition.all.flatMap((child) => leavesUnderAny(child, underAny));
  if ("any" in condition) return condition.any.flatMap((child) => leavesUnderAny(child, true));
  if ("not" in condition) return [];

  return underAny ? [condition] : [];
}
