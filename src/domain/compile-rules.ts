import type { CompiledCondition } from "./compile-condition.js";
import { compileConditionOnce } from "./evaluate-condition.js";
import { FACT_NAMES, type FactName } from "./facts.js";
import { oncePerObject } from "./once-per-object.js";
import type { Rules, SegmentId, SegmentRule } from "./rules.js";

/** The rules as the engine runs them for every customer; see `compileRulesOnce`. */
export interface CompiledRules {
  /** In precedence order. */
  segments: CompiledSegment[];
  /** Each fact with the source that should supply it, in `FACT_NAMES` order. */
  sources: { fact: FactName; source: string }[];
}

export interface CompiledSegment {
  id: SegmentId;
  rule: SegmentRule;
  criteria: CompiledCondition;
  /** The rule's task title for a customer of this name. */
  titleOf: (name: string) => string;
}

/**
 * Compiles the rules the first time they are asked for: each segment's criteria in order. Rules
 * are configuration, loaded once and read for every customer: they must not be changed after.
 */
export const compileRulesOnce = oncePerObject(compileRules);

function compileRules(rules: Rules): CompiledRules {
  return {
    segments: rules.precedence.map((id) => {
      const rule = rules.segments[id];
      return {
        id,
        rule,
        criteria: compileConditionOnce(rule.criteria),
        titleOf: compileTitle(rule.task_title),
      };
    }),
    sources: FACT_NAMES.map((fact) => ({ fact, source: rules.fact_sources[fact] })),
  };
}

/** A title template with every `{name}` replaced, exactly as `replaceAll` replaces it. */
function compileTitle(template: string): (name: string) => string {
  const [first = "", ...rest] = template.split("{name}");

  return (name) => {
    // `replaceAll` reads `$&`, `$$` and the like in a name as patterns: keep it for such names.
    if (name.includes("$")) return template.replaceAll("{name}", name);

    // Joined by `+`, which only links the parts, where `join` and `replaceAll` copy them.
    let title = first;
    for (const part of rest) title += name + part;
    return title;
  };
}
