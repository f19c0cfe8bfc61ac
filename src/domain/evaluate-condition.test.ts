import { describe, expect, it } from "vitest";

import { compareRange } from "./compare-range.js";
import { describeCondition, evaluateCondition } from "./evaluate-condition.js";
import type { NumericRange, Signals } from "./facts.js";
import type { Truth } from "./kleene.js";
import type { Comparison, Condition } from "./rules.js";

const T = true;
const F = false;
const U = null;

function signalsOf(values: {
  renewal?: number;
  tickets?: number;
  inactive?: NumericRange;
  failed?: boolean;
  plan?: string;
}): Signals {
  const signals: Signals = { numeric: {}, boolean: {}, category: {} };
  if (values.renewal !== undefined) {
    signals.numeric.days_to_renewal = { min: values.renewal, max: values.renewal };
  }
  if (values.tickets !== undefined) {
    signals.numeric.support_tickets = { min: values.tickets, max: values.tickets };
  }
  if (values.inactive !== undefined) signals.numeric.days_since_last_login = values.inactive;
  if (values.failed !== undefined) signals.boolean.payment_failed = values.failed;
  if (values.plan !== undefined) signals.category.plan = values.plan;

  return signals;
}

const renewalSoon: Condition = { fact: "days_to_renewal", op: "<=", value: 60 };
const paymentFailed: Condition = { fact: "payment_failed", is: true };
const manyTickets: Condition = { fact: "support_tickets", op: ">=", value: 3 };

describe("compareRange", () => {
  const exact = (n: number): NumericRange => ({ min: n, max: n });
  const atLeast = (n: number): NumericRange => ({ min: n, max: Infinity });

  it.each([
    [exact(14), ">=", 14, T],
    [exact(13), ">=", 14, F],
    [exact(60), "<=", 60, T],
    [exact(61), "<=", 60, F],
    [exact(61), ">", 60, T],
    [exact(60), ">", 60, F],
    [exact(1), "<", 2, T],
    [exact(2), "<", 2, F],
    [exact(3), "=", 3, T],
    [exact(3), "!=", 3, F],
    [exact(Infinity), ">=", 14, T],
    [exact(Infinity), "<", 14, F],
    [atLeast(14), ">=", 14, T],
    [atLeast(13), ">=", 14, U],
    [atLeast(13), "<", 14, U],
    [atLeast(15), "<", 14, F],
    [atLeast(15), "<=", 60, U],
    [atLeast(61), "<=", 60, F],
    [atLeast(14), "=", 13, F],
    [atLeast(14), "=", 14, U],
    [atLeast(14), "!=", 13, T],
    [atLeast(14), "!=", 20, U],
  ] as [NumericRange, Comparison, number, Truth][])(
    "%o %s %i is %s",
    (range, op, threshold, truth) => {
      expect(compareRange(range, op, threshold)).toBe(truth);
    },
  );
});

describe("evaluateCondition", () => {
  it("gives a true leaf the value that made it hold", () => {
    const result = evaluateCondition(renewalSoon, signalsOf({ renewal: 40 }));

    expect(result.truth).toBe(true);
    expect(result.reasons).toEqual([
      {
        fact: "days_to_renewal",
        condition: "days_to_renewal <= 60",
        value: 40,
        text: "days_to_renewal = 40 (<= 60)",
      },
    ]);
    expect([...result.missing]).toEqual([]);
  });

  it("names a failed leaf as the negation that held", () => {
    const result = evaluateCondition(renewalSoon, signalsOf({ renewal: 61 }));

    expect(result.truth).toBe(false);
    expect(result.reasons.map((r) => r.condition)).toEqual(["days_to_renewal > 60"]);
  });

  it("reports an unknown leaf's fact as missing, with no reason", () => {
    const result = evaluateCondition(paymentFailed, signalsOf({}));

    expect(result).toEqual({ truth: null, reasons: [], missing: new Set(["payment_failed"]) });
  });

  it("describes a lower bound and a never-logged-in customer in words", () => {
    const inactive: Condition = { fact: "days_since_last_login", op: ">=", value: 14 };

    expect(
      evaluateCondition(inactive, signalsOf({ inactive: { min: 20, max: Infinity } })),
    ).toMatchObject({
      truth: true,
      reasons: [{ value: ">=20", text: expect.stringContaining("at least 20") }],
    });
    expect(
      evaluateCondition(inactive, signalsOf({ inactive: { min: Infinity, max: Infinity } })),
    ).toMatchObject({ truth: true, reasons: [{ value: "never" }] });
  });

  it("compares categories case-insensitively", () => {
    const plan: Condition = { fact: "plan", in: ["Basic", "Standard"] };

    expect(evaluateCondition(plan, signalsOf({ plan: "STANDARD" })).truth).toBe(true);
    expect(evaluateCondition(plan, signalsOf({ plan: "basic" })).truth).toBe(true);
    expect(evaluateCondition(plan, signalsOf({ plan: "Enterprise" }))).toMatchObject({
      truth: false,
      reasons: [{ condition: "plan not in [Basic, Standard]", value: "Enterprise" }],
    });
  });

  // The seed's Revenue at Risk: renewal <= 60 and (failed payment or 3+ tickets).
  const risk: Condition = { all: [renewalSoon, { any: [paymentFailed, manyTickets] }] };

  it.each([
    [{ renewal: 40, failed: true }, T, ["days_to_renewal", "payment_failed"], []],
    // true or unknown is true: the unknown ticket count does not matter.
    [
      { renewal: 40, failed: true, tickets: undefined },
      T,
      ["days_to_renewal", "payment_failed"],
      [],
    ],
    // false and unknown is false: renewal far away decides it, whatever else is missing.
    [{ renewal: 90 }, F, ["days_to_renewal"], []],
    [{ renewal: 40, failed: false, tickets: 1 }, F, ["payment_failed", "support_tickets"], []],
    // Unknown: only the facts that could still decide it are missing.
    [{ renewal: 40, failed: false }, U, [], ["support_tickets"]],
    [{ failed: true }, U, [], ["days_to_renewal"]],
    [{}, U, [], ["days_to_renewal", "payment_failed", "support_tickets"]],
  ] as [Parameters<typeof signalsOf>[0], Truth, string[], string[]][])(
    "Revenue at Risk with %o is %s",
    (values, truth, reasonFacts, missing) => {
      const result = evaluateCondition(risk, signalsOf(values));

      expect(result.truth).toBe(truth);
      expect(result.reasons.map((r) => r.fact)).toEqual(reasonFacts);
      expect([...result.missing].sort()).toEqual(missing);
    },
  );

  it("gives only the children that held as the reasons of a true any", () => {
    const result = evaluateCondition(
      { any: [paymentFailed, manyTickets] },
      signalsOf({ failed: false, tickets: 5 }),
    );

    expect(result.reasons.map((r) => r.text)).toEqual(["support_tickets = 5 (>= 3)"]);
  });

  it("does not count a fact as missing when its branch was decided without it", () => {
    // renewal unknown, but the any-branch is already true: only renewal is missing.
    const result = evaluateCondition(risk, signalsOf({ failed: true }));

    expect([...result.missing]).toEqual(["days_to_renewal"]);
  });

  describe("not", () => {
    it.each([
      [{ failed: true }, F],
      [{ failed: false }, T],
      [{}, U],
    ] as [Parameters<typeof signalsOf>[0], Truth][])(
      "not (payment failed) with %o is %s",
      (values, truth) => {
        expect(evaluateCondition({ not: paymentFailed }, signalsOf(values)).truth).toBe(truth);
      },
    );

    it("gives as reasons what made the inner condition fail, and only that", () => {
      // not (renewal <= 60 and tickets >= 3): tickets = 1 decides it; renewal = 40 does not.
      const result = evaluateCondition(
        { not: { all: [renewalSoon, manyTickets] } },
        signalsOf({ renewal: 40, tickets: 1 }),
      );

      expect(result.truth).toBe(true);
      expect(result.reasons.map((r) => r.text)).toEqual(["support_tickets = 1 (< 3)"]);
    });

    it("gives every leaf of a negated any, each as it held", () => {
      const result = evaluateCondition(
        { not: { any: [paymentFailed, manyTickets] } },
        signalsOf({ failed: false, tickets: 0 }),
      );

      expect(result.reasons.map((r) => r.condition)).toEqual([
        "payment_failed is false",
        "support_tickets < 3",
      ]);
    });

    it("keeps the inner condition's missing facts", () => {
      const result = evaluateCondition({ not: manyTickets }, signalsOf({}));

      expect([...result.missing]).toEqual(["support_tickets"]);
    });
  });

  it("writes a condition as people read it", () => {
    expect(describeCondition(risk)).toBe(
      "days_to_renewal <= 60 and (payment_failed is true or support_tickets >= 3)",
    );
    expect(describeCondition({ not: { fact: "plan", in: ["Enterprise"] } })).toBe(
      "not (plan in [Enterprise])",
    );
  });
});
