import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";

import { loadRulesOrFail } from "../rules/load-rules.js";
import { decideSegment } from "./decide-segment.js";
import { deriveSignals } from "./derive-signals.js";
import { evaluateCondition } from "./evaluate-condition.js";
import type { CustomerFacts, LastLogin } from "./facts.js";
import type { Truth } from "./kleene.js";
import { SEGMENT_IDS, type SegmentId } from "./rules.js";

// Time zones play no part here: every date is a Temporal.PlainDate computed from this one.
const AS_OF = "2026-12-03";
const rules = loadRulesOrFail();
const RUNS = { numRuns: 1000 };

const dayOffset = (min: number, max: number) =>
  fc.integer({ min, max }).map((days) => Temporal.PlainDate.from(AS_OF).add({ days }).toString());

const lastLogin: fc.Arbitrary<LastLogin> = fc.oneof(
  dayOffset(-60, 0).map((date) => ({ kind: "date" as const, date })),
  dayOffset(-60, 0).map((date) => ({ kind: "none_since" as const, date })),
  fc.constant({ kind: "never" as const }),
);

/**
 * Each fact present or unknown, with values crowded around the default thresholds. A customer
 * that never logged in has no logins or features to its name (0 or unknown), as every facts
 * reader guarantees: otherwise losing the count would reveal the zero that `never` implies.
 */
const customerFacts: fc.Arbitrary<CustomerFacts> = fc
  .record({
    customerId: fc.constant("c1"),
    name: fc.constant("Derras Real Estate"),
    plan: fc.option(fc.constantFrom("Basic", "standard", "Enterprise"), { nil: undefined }),
    contractEndDate: fc.option(dayOffset(-10, 120), { nil: undefined }),
    accountStartDate: fc.option(dayOffset(-60, 0), { nil: undefined }),
    supportTickets: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    paymentFailed: fc.option(fc.boolean(), { nil: undefined }),
    lastLogin: fc.option(lastLogin, { nil: undefined }),
    logins30d: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    featuresUsed30d: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  })
  .map((facts) =>
    facts.lastLogin?.kind === "never"
      ? {
          ...facts,
          logins30d: facts.logins30d === undefined ? undefined : 0,
          featuresUsed30d: facts.featuresUsed30d === undefined ? undefined : 0,
        }
      : facts,
  );

/**
 * Customers near Healthy & Stable: usage, payment and renewal mostly on its side, the rest as
 * above. Healthy & Stable is rare among uniformly drawn facts (about 1 in 100), too rare for a
 * property about it to be tested often.
 */
const nearlyHealthyFacts: fc.Arbitrary<CustomerFacts> = fc
  .record({
    facts: customerFacts,
    logins30d: fc.option(fc.integer({ min: 6, max: 20 }), { nil: undefined, freq: 10 }),
    paymentFailed: fc.option(fc.boolean(), { nil: undefined, freq: 10 }),
    contractEndDate: fc.option(dayOffset(55, 120), { nil: undefined, freq: 10 }),
  })
  .map(({ facts, ...healthier }) =>
    facts.lastLogin?.kind === "never" ? facts : { ...facts, ...healthier },
  );

const FACT_KEYS = [
  "plan",
  "contractEndDate",
  "accountStartDate",
  "supportTickets",
  "paymentFailed",
  "lastLogin",
  "logins30d",
  "featuresUsed30d",
] as const;

function truthsOf(facts: CustomerFacts): Record<SegmentId, Truth> {
  const signals = deriveSignals(facts, AS_OF, rules);
  const entries = SEGMENT_IDS.map((id) => [
    id,
    evaluateCondition(rules.segments[id].criteria, signals).truth,
  ]);

  return Object.fromEntries(entries) as Record<SegmentId, Truth>;
}

const isActionSegment = (bucket: string): bucket is SegmentId =>
  bucket !== "healthy_stable" && (SEGMENT_IDS as readonly string[]).includes(bucket);

describe("decideSegment's invariants", () => {
  it("puts every customer in exactly one bucket that its criteria justify", () => {
    fc.assert(
      fc.property(customerFacts, (facts) => {
        const decision = decideSegment(facts, AS_OF, rules);
        const truths = truthsOf(facts);
        const earlier = (id: SegmentId) => rules.precedence.slice(0, rules.precedence.indexOf(id));

        if (decision.segment === "none") {
          expect(Object.values(truths).every((truth) => truth === false)).toBe(true);
          expect(decision.action).toBeNull();
        } else if (decision.segment === "data_gap") {
          expect(Object.values(truths)).toContain(null);
          expect(decision.action).toBeNull();
          expect(decision.possibly.length).toBeGreaterThan(0);
        } else {
          expect(truths[decision.segment]).toBe(true);
          expect(earlier(decision.segment).map((id) => truths[id])).not.toContain(true);
          expect(decision.action).toBe(rules.segments[decision.segment].action);
          expect(decision.reasons.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it("assigns Healthy & Stable only with its own criteria true and every earlier rule false", () => {
    let seen = 0;
    fc.assert(
      fc.property(nearlyHealthyFacts, (facts) => {
        if (decideSegment(facts, AS_OF, rules).segment !== "healthy_stable") return;
        seen += 1;
        const truths = truthsOf(facts);
        const before = rules.precedence.slice(0, rules.precedence.indexOf("healthy_stable"));

        expect(truths.healthy_stable).toBe(true);
        expect(before.map((id) => truths[id])).toEqual(before.map(() => false));
      }),
      RUNS,
    );

    // Not vacuous: the generated customers include Healthy & Stable ones.
    expect(seen).toBeGreaterThan(10);
  });

  it("gives reasons only from known facts", () => {
    fc.assert(
      fc.property(customerFacts, (facts) => {
        const decision = decideSegment(facts, AS_OF, rules);
        const unknown = new Set(decision.unknown.map((u) => u.fact));

        expect(decision.reasons.filter((reason) => unknown.has(reason.fact))).toEqual([]);
      }),
      RUNS,
    );
  });

  describe("when one more fact becomes unknown", () => {
    const withOneUnknown = fc.tuple(customerFacts, fc.constantFrom(...FACT_KEYS));

    it("never produces Healthy & Stable where it was not", () => {
      fc.assert(
        fc.property(withOneUnknown, ([facts, key]) => {
          const before = decideSegment(facts, AS_OF, rules);
          const after = decideSegment({ ...facts, [key]: undefined }, AS_OF, rules);

          if (after.segment === "healthy_stable") expect(before.segment).toBe("healthy_stable");
        }),
        RUNS,
      );
    });

    it("never changes an action segment whose own criteria stay true", () => {
      let seen = 0;
      fc.assert(
        fc.property(withOneUnknown, ([facts, key]) => {
          const before = decideSegment(facts, AS_OF, rules);
          const lessKnown = { ...facts, [key]: undefined };
          if (!isActionSegment(before.segment)) return;
          if (truthsOf(lessKnown)[before.segment] !== true) return;
          seen += 1;

          expect(decideSegment(lessKnown, AS_OF, rules).segment).toBe(before.segment);
        }),
        RUNS,
      );

      expect(seen).toBeGreaterThan(10);
    });

    it("never makes a segment appear for a customer that had none", () => {
      let seen = 0;
      fc.assert(
        fc.property(withOneUnknown, ([facts, key]) => {
          if (decideSegment(facts, AS_OF, rules).segment !== "none") return;
          seen += 1;
          const after = decideSegment({ ...facts, [key]: undefined }, AS_OF, rules);

          expect(["none", "data_gap"]).toContain(after.segment);
        }),
        RUNS,
      );

      expect(seen).toBeGreaterThan(10);
    });
  });

  it.each([
    ["revenue_at_risk", "engagement_drop"],
    ["revenue_at_risk", "expansion_opportunity"],
    ["revenue_at_risk", "healthy_stable"],
    ["engagement_drop", "expansion_opportunity"],
    ["engagement_drop", "healthy_stable"],
  ] as [SegmentId, SegmentId][])("never finds %s and %s both true", (a, b) => {
    fc.assert(
      fc.property(customerFacts, (facts) => {
        const truths = truthsOf(facts);

        expect(truths[a] === true && truths[b] === true).toBe(false);
      }),
      RUNS,
    );
  });
});
