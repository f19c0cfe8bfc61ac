import type { FactName } from "../domain/facts.js";
import { FACT_NAMES } from "../domain/facts.js";
import type { SegmentOnDate } from "../storage/segments-on-date.js";

/** The facts one source left unknown, and for how many customers. */
export interface SourceGaps {
  /** The source as the rules name it: `Matomo (visits)`. */
  source: string;
  facts: { fact: FactName; customers: number }[];
  /** Customers missing at least one of these facts. */
  customers: number;
  /** Of those, the customers in the Data gap bucket: no segment could be decided for them. */
  inDataGap: number;
}

/**
 * Unknown facts per source and fact, from the decisions of one date: where the data has holes,
 * and how many customers each hole touches. The source with the most customers missing facts
 * comes first; sources with no gap are not listed.
 */
export function countDataGaps(decisions: readonly SegmentOnDate[]): SourceGaps[] {
  const bySource = new Map<
    string,
    { facts: Map<FactName, number>; customers: Set<string>; inDataGap: Set<string> }
  >();

  for (const decision of decisions) {
    for (const { fact, source } of decision.unknown) {
      const gaps = bySource.get(source) ?? {
        facts: new Map<FactName, number>(),
        customers: new Set<string>(),
        inDataGap: new Set<string>(),
      };
      bySource.set(source, gaps);
      gaps.facts.set(fact, (gaps.facts.get(fact) ?? 0) + 1);
      gaps.customers.add(decision.customerId);
      if (decision.segment === "data_gap") gaps.inDataGap.add(decision.customerId);
    }
  }

  return [...bySource]
    .map(([source, gaps]) => ({
      source,
      facts: FACT_NAMES.flatMap((fact) => {
        const customers = gaps.facts.get(fact);
        return customers === undefined ? [] : [{ fact, customers }];
      }),
      customers: gaps.customers.size,
      inDataGap: gaps.inDataGap.size,
    }))
    .sort((a, b) => b.customers - a.customers || a.source.localeCompare(b.source));
}
