import { describe, expect, it } from "vitest";

import { loadRulesOrFail } from "../../rules/load-rules.js";
import { deriveSignals } from "../derive-signals.js";
import { evaluateSignal, findNewSignals, findSignals } from "./find-signals.js";
import { makeFacts } from "./workflow-test-kit.js";

const rules = loadRulesOrFail();
const AS_OF = "2026-03-10";
const derive = (overrides: Parameters<typeof makeFacts>[0]) =>
  deriveSignals(makeFacts(overrides), AS_OF, rules);

describe("findSignals", () => {
  it("takes the conditions under an `any` that held, not the `all` around them", () => {
    const facts = derive({
      contractEndDate: "2026-04-19",
      paymentFailed: true,
      supportTickets: 3,
      lastLogin: { kind: "none_since", date: "2026-02-20" },
    });

    const signals = findSignals("revenue_at_risk", facts, rules);

    expect(signals.map((signal) => [signal.key, signal.text])).toEqual([
      ["payment_failed is true", "payment_failed = true (is true)"],
      ["support_tickets >= 3", "support_tickets = 3 (>= 3)"],
      ["days_since_last_login >= 14", "days_since_last_login = at least 19 (>= 14)"],
    ]);
  });

  it("takes the whole criteria for a segment whose conditions are all required", () => {
    const facts = derive({ lastLogin: { kind: "date", date: "2026-02-20" }, logins30d: 3 });

    const [signal, ...others] = findSignals("engagement_drop", facts, rules);

    expect(others).toEqual([]);
    expect(signal?.key).toBe("segment engagement_drop");
    expect(signal?.text).toContain("Engagement Drop: days_since_last_login = 18 (>= 14)");
    expect(signal?.condition).toBe(rules.segments.engagement_drop.criteria);
  });
});

describe("evaluateSignal", () => {
  const [payment] = findSignals(
    "revenue_at_risk",
    derive({ contractEndDate: "2026-04-19", paymentFailed: true }),
    rules,
  );

  it.each([
    [true, true],
    [false, false],
    [undefined, null],
  ])("payment_failed %s: %s", (paymentFailed, truth) => {
    expect(payment && evaluateSignal(payment, derive({ paymentFailed }))).toBe(truth);
  });
});

describe("findNewSignals", () => {
  it("keeps the signals whose key is not known", () => {
    const facts = derive({ contractEndDate: "2026-04-19", paymentFailed: true, supportTickets: 4 });
    const [payment, tickets] = findSignals("revenue_at_risk", facts, rules);
    if (payment === undefined || tickets === undefined) throw new Error("two signals expected");

    expect(findNewSignals([payment, tickets], [payment])).toEqual([tickets]);
    expect(findNewSignals([payment], [payment, tickets])).toEqual([]);
  });
});
