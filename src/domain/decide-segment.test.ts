import { describe, expect, it } from "vitest";

import { loadRulesOrFail } from "../rules/load-rules.js";
import { decideSegment } from "./decide-segment.js";
import { deriveSignals } from "./derive-signals.js";
import { evaluateCondition } from "./evaluate-condition.js";
import type { CustomerFacts } from "./facts.js";
import type { Bucket, Rules, SegmentId } from "./rules.js";

const rules = loadRulesOrFail();
const AS_OF = "2026-12-03";

/**
 * Healthy & Stable as of 2026-12-03, and nothing else: Enterprise, renewal a year away, an old
 * account, no tickets, paid up, last login yesterday, 10 logins (medium) and 3 features.
 */
const healthy: CustomerFacts = {
  customerId: "1001",
  name: "Derras Real Estate",
  plan: "Enterprise",
  contractEndDate: "2027-12-01",
  accountStartDate: "2024-01-01",
  supportTickets: 0,
  paymentFailed: false,
  lastLogin: { kind: "date", date: "2026-12-02" },
  logins30d: 10,
  featuresUsed30d: 3,
};

const RENEWAL_IN_30 = "2027-01-02";
const STARTED_10_DAYS_AGO = "2026-11-23";
const expansionCandidate: Partial<CustomerFacts> = { plan: "Basic", logins30d: 15 };

function decide(changes: Partial<CustomerFacts>, withRules: Rules = rules) {
  return decideSegment({ ...healthy, ...changes }, AS_OF, withRules);
}

const loggedIn = (date: string) => ({ lastLogin: { kind: "date" as const, date } });

describe("decideSegment at every threshold's edge", () => {
  it.each([
    [
      "renewal in 60 days with a failed payment",
      { contractEndDate: "2027-02-01", paymentFailed: true },
      "revenue_at_risk",
    ],
    [
      "renewal in 61 days with a failed payment",
      { contractEndDate: "2027-02-02", paymentFailed: true },
      "none",
    ],
    ["renewal in 60 days, no problem", { contractEndDate: "2027-02-01" }, "none"],
    ["renewal in 61 days, no problem", { contractEndDate: "2027-02-02" }, "healthy_stable"],
    [
      "renewal in 30 days, 13 days inactive",
      { contractEndDate: RENEWAL_IN_30, ...loggedIn("2026-11-20") },
      "none",
    ],
    [
      "renewal in 30 days, 14 days inactive",
      { contractEndDate: RENEWAL_IN_30, ...loggedIn("2026-11-19") },
      "revenue_at_risk",
    ],
    ["low usage, 13 days inactive", { logins30d: 3, ...loggedIn("2026-11-20") }, "none"],
    ["low usage, 14 days inactive", { logins30d: 3, ...loggedIn("2026-11-19") }, "engagement_drop"],
    [
      "new account, 6 days inactive",
      { accountStartDate: STARTED_10_DAYS_AGO, ...loggedIn("2026-11-27") },
      "healthy_stable",
    ],
    [
      "new account, 7 days inactive",
      { accountStartDate: STARTED_10_DAYS_AGO, ...loggedIn("2026-11-26") },
      "onboarding_stuck",
    ],
    ["7 logins (low)", { logins30d: 7 }, "none"],
    ["8 logins (medium)", { logins30d: 8 }, "healthy_stable"],
    ["7 logins, 20 days inactive", { logins30d: 7, ...loggedIn("2026-11-13") }, "engagement_drop"],
    ["8 logins, 20 days inactive", { logins30d: 8, ...loggedIn("2026-11-13") }, "healthy_stable"],
    ["Basic plan, 14 logins (medium)", { ...expansionCandidate, logins30d: 14 }, "healthy_stable"],
    [
      "Basic plan, 15 logins (high)",
      { ...expansionCandidate, logins30d: 15 },
      "expansion_opportunity",
    ],
    [
      "new account, 1 feature",
      { accountStartDate: STARTED_10_DAYS_AGO, featuresUsed30d: 1 },
      "onboarding_stuck",
    ],
    [
      "new account, 2 features",
      { accountStartDate: STARTED_10_DAYS_AGO, featuresUsed30d: 2 },
      "healthy_stable",
    ],
    ["high usage, 2 features", { ...expansionCandidate, featuresUsed30d: 2 }, "healthy_stable"],
    [
      "high usage, 3 features",
      { ...expansionCandidate, featuresUsed30d: 3 },
      "expansion_opportunity",
    ],
    ["high usage, 1 ticket", { ...expansionCandidate, supportTickets: 1 }, "expansion_opportunity"],
    ["high usage, 2 tickets", { ...expansionCandidate, supportTickets: 2 }, "healthy_stable"],
    [
      "renewal in 30 days, 2 tickets",
      { contractEndDate: RENEWAL_IN_30, supportTickets: 2 },
      "none",
    ],
    [
      "renewal in 30 days, 3 tickets",
      { contractEndDate: RENEWAL_IN_30, supportTickets: 3 },
      "revenue_at_risk",
    ],
    [
      "account 30 days old, 1 feature",
      { accountStartDate: "2026-11-03", featuresUsed30d: 1 },
      "onboarding_stuck",
    ],
    [
      "account 31 days old, 1 feature",
      { accountStartDate: "2026-11-02", featuresUsed30d: 1 },
      "healthy_stable",
    ],
    [
      "renewal in 30 days, no login since 2026-11-20 (14+ days)",
      { contractEndDate: RENEWAL_IN_30, lastLogin: { kind: "none_since", date: "2026-11-20" } },
      "revenue_at_risk",
    ],
    [
      "renewal in 30 days, no login since 2026-11-21 (13+ days)",
      { contractEndDate: RENEWAL_IN_30, lastLogin: { kind: "none_since", date: "2026-11-21" } },
      "data_gap",
    ],
    [
      "high usage on plan BASIC (any case)",
      { ...expansionCandidate, plan: "BASIC" },
      "expansion_opportunity",
    ],
    ["high usage on Enterprise", { ...expansionCandidate, plan: "Enterprise" }, "healthy_stable"],
    [
      "high usage on Basic with a failed payment",
      { ...expansionCandidate, paymentFailed: true },
      "none",
    ],
  ] as [string, Partial<CustomerFacts>, Bucket][])("%s: %s", (_, changes, segment) => {
    expect(decide(changes).segment).toBe(segment);
  });
});

describe("decideSegment explains itself", () => {
  it("gives a segment its action, due time, task title and the conditions that held", () => {
    const decision = decide({ contractEndDate: "2027-01-12", paymentFailed: true });

    expect(decision).toMatchObject({
      customerId: "1001",
      asOf: AS_OF,
      segment: "revenue_at_risk",
      label: "Revenue at Risk",
      action: "call",
      due: { hours: 24 },
      taskTitle: "URGENT: Call Derras Real Estate",
      unknown: [],
      possibly: [],
    });
    expect(decision.reasons.map((reason) => reason.text)).toEqual([
      "days_to_renewal = 40 (<= 60)",
      "payment_failed = true (is true)",
    ]);
  });

  it("names the customer by id in a task title when it has no name", () => {
    expect(
      decide({ name: "", contractEndDate: RENEWAL_IN_30, paymentFailed: true }).taskTitle,
    ).toBe("URGENT: Call 1001");
  });

  it("calls a failed payment 40 days before renewal Revenue at Risk with no usage data", () => {
    const decision = decide({
      contractEndDate: "2027-01-12",
      paymentFailed: true,
      accountStartDate: undefined,
      lastLogin: undefined,
      logins30d: undefined,
      featuresUsed30d: undefined,
    });

    expect(decision.segment).toBe("revenue_at_risk");
    expect(decision.unknown).toEqual([
      {
        fact: "account_age_days",
        source: "HubSpot (account start date) or Stripe (first subscription)",
      },
      { fact: "days_since_last_login", source: "Matomo (visits)" },
      { fact: "logins_30d", source: "Matomo (visits)" },
      { fact: "features_used_30d", source: "Matomo (events)" },
      { fact: "usage_level", source: "Matomo (visits)" },
    ]);
  });

  it("names an earlier rule that possibly applies, and the fact it lacks, beside a true one", () => {
    // Onboarding Stuck is true; Revenue at Risk would be too if the renewal were near.
    const decision = decide({
      accountStartDate: STARTED_10_DAYS_AGO,
      contractEndDate: undefined,
      lastLogin: { kind: "never" },
      logins30d: undefined,
      featuresUsed30d: undefined,
    });

    expect(decision.segment).toBe("onboarding_stuck");
    expect(decision.possibly).toEqual([
      { segment: "revenue_at_risk", missing: ["days_to_renewal"] },
    ]);
    expect(decision.reasons.map((reason) => reason.text)).toEqual([
      "account_age_days = 10 (<= 30)",
      "days_since_last_login = never (>= 7)",
      "features_used_30d = 0 (< 2)",
    ]);
  });

  it("gives a customer that meets no criteria no segment, no task and nothing possible", () => {
    // The design's example: medium usage, renewal in 45 days, no problem.
    const decision = decide({ contractEndDate: "2027-01-17" });

    expect(decision).toMatchObject({
      segment: "none",
      label: "No segment",
      action: null,
      due: null,
      taskTitle: null,
      reasons: [],
      possibly: [],
    });
  });
});

describe("decideSegment with a never-logged-in customer", () => {
  const never = {
    lastLogin: { kind: "never" as const },
    logins30d: undefined,
    featuresUsed30d: undefined,
  };

  it.each([
    ["a new account", { accountStartDate: STARTED_10_DAYS_AGO }, "onboarding_stuck"],
    ["an old account, renewal far", {}, "engagement_drop"],
    ["an old account, renewal in 30 days", { contractEndDate: RENEWAL_IN_30 }, "revenue_at_risk"],
  ] as [string, Partial<CustomerFacts>, Bucket][])("puts %s in %s", (_, changes, segment) => {
    const decision = decide({ ...never, ...changes });

    expect(decision.segment).toBe(segment);
    expect(decision.unknown).toEqual([]);
  });
});

describe("decideSegment with one fact unknown", () => {
  it.each([
    ["plan", { plan: undefined }, "healthy_stable", []],
    [
      "plan, for an expansion candidate",
      { ...expansionCandidate, plan: undefined },
      "data_gap",
      [
        { segment: "expansion_opportunity", missing: ["plan"] },
        { segment: "healthy_stable", missing: ["plan"] },
      ],
    ],
    [
      "contract end date",
      { contractEndDate: undefined },
      "data_gap",
      [{ segment: "healthy_stable", missing: ["days_to_renewal"] }],
    ],
    [
      "contract end date, with a failed payment",
      { contractEndDate: undefined, paymentFailed: true },
      "data_gap",
      [{ segment: "revenue_at_risk", missing: ["days_to_renewal"] }],
    ],
    // Onboarding Stuck cannot hold with a recent login and 3 features, whatever the age.
    ["account start date", { accountStartDate: undefined }, "healthy_stable", []],
    // No segment stays no segment when the unknown fact could not make any rule hold.
    [
      "account start date, renewal in 45 days",
      { accountStartDate: undefined, contractEndDate: "2027-01-17" },
      "none",
      [],
    ],
    ["plan, renewal in 45 days", { plan: undefined, contractEndDate: "2027-01-17" }, "none", []],
    [
      "account start date, with 1 feature",
      { accountStartDate: undefined, featuresUsed30d: 1 },
      "data_gap",
      [
        { segment: "onboarding_stuck", missing: ["account_age_days"] },
        { segment: "healthy_stable", missing: ["account_age_days"] },
      ],
    ],
    ["support tickets", { supportTickets: undefined }, "healthy_stable", []],
    [
      "support tickets, renewal in 30 days",
      { supportTickets: undefined, contractEndDate: RENEWAL_IN_30 },
      "data_gap",
      [{ segment: "revenue_at_risk", missing: ["support_tickets"] }],
    ],
    [
      "support tickets, for an expansion candidate",
      { ...expansionCandidate, supportTickets: undefined },
      "data_gap",
      [
        { segment: "expansion_opportunity", missing: ["support_tickets"] },
        { segment: "healthy_stable", missing: ["support_tickets"] },
      ],
    ],
    [
      "payment",
      { paymentFailed: undefined },
      "data_gap",
      [{ segment: "healthy_stable", missing: ["payment_failed"] }],
    ],
    [
      "payment, renewal in 30 days with 3 tickets",
      { paymentFailed: undefined, contractEndDate: RENEWAL_IN_30, supportTickets: 3 },
      "revenue_at_risk",
      [],
    ],
    ["last login", { lastLogin: undefined }, "healthy_stable", []],
    [
      "last login, with low usage",
      { lastLogin: undefined, logins30d: 3 },
      "data_gap",
      [{ segment: "engagement_drop", missing: ["days_since_last_login"] }],
    ],
    [
      "logins",
      { logins30d: undefined },
      "data_gap",
      [{ segment: "healthy_stable", missing: ["usage_level"] }],
    ],
    ["features", { featuresUsed30d: undefined }, "healthy_stable", []],
  ] as [string, Partial<CustomerFacts>, Bucket, unknown[]][])(
    "%s unknown: %s",
    (_, changes, segment, possibly) => {
      const decision = decide(changes);

      expect(decision.segment).toBe(segment);
      expect(decision.possibly).toEqual(possibly);
    },
  );

  it("lists every unknown fact with the source that should supply it", () => {
    const decision = decide({ plan: undefined, paymentFailed: undefined });

    expect(decision.unknown).toEqual([
      { fact: "payment_failed", source: "Stripe (subscriptions and invoices)" },
      { fact: "plan", source: "HubSpot (plan)" },
    ]);
  });

  it("makes a customer with no facts a data gap that every segment possibly fits", () => {
    const decision = decideSegment({ customerId: "9", name: "Nobody Known" }, AS_OF, rules);

    expect(decision.segment).toBe("data_gap");
    expect(decision.possibly.map((p) => p.segment)).toEqual(rules.precedence);
    expect(decision.unknown).toHaveLength(9);
  });
});

describe("decideSegment never assigns Healthy & Stable on missing data", () => {
  it("holds it back while an earlier rule is unknown, naming what that rule lacks", () => {
    // Healthy's own criteria are true; Onboarding Stuck is unknown without the account's age.
    const decision = decide({ accountStartDate: undefined, featuresUsed30d: 0 });

    expect(decision.segment).toBe("data_gap");
    expect(decision.reasons).toEqual([]);
    expect(decision.possibly.at(-1)).toEqual({
      segment: "healthy_stable",
      missing: ["account_age_days"],
    });
  });

  it("is configuration: without only_when_earlier_false it is assigned like any segment", () => {
    const lenient = structuredClone(rules);
    lenient.segments.healthy_stable.only_when_earlier_false = false;

    const decision = decide({ accountStartDate: undefined, featuresUsed30d: 0 }, lenient);

    expect(decision.segment).toBe("healthy_stable");
    expect(decision.possibly).toEqual([
      { segment: "onboarding_stuck", missing: ["account_age_days"] },
    ]);
  });
});

describe("decideSegment resolves overlapping segments by precedence", () => {
  // For each pair of segments the defaults let overlap, a customer meeting both.
  const overlaps: [SegmentId, SegmentId, Partial<CustomerFacts>][] = [
    [
      "revenue_at_risk",
      "onboarding_stuck",
      {
        contractEndDate: RENEWAL_IN_30,
        paymentFailed: true,
        accountStartDate: STARTED_10_DAYS_AGO,
        featuresUsed30d: 1,
      },
    ],
    [
      "onboarding_stuck",
      "engagement_drop",
      {
        accountStartDate: STARTED_10_DAYS_AGO,
        lastLogin: { kind: "never" },
        logins30d: 0,
        featuresUsed30d: 0,
      },
    ],
    [
      "onboarding_stuck",
      "expansion_opportunity",
      { ...expansionCandidate, accountStartDate: STARTED_10_DAYS_AGO, ...loggedIn("2026-11-25") },
    ],
    [
      "onboarding_stuck",
      "healthy_stable",
      { accountStartDate: STARTED_10_DAYS_AGO, featuresUsed30d: 1 },
    ],
    ["expansion_opportunity", "healthy_stable", expansionCandidate],
  ];

  it.each(overlaps)("%s before %s", (first, second, changes) => {
    const facts = { ...healthy, ...changes };
    const signals = deriveSignals(facts, AS_OF, rules);
    for (const id of [first, second]) {
      expect(evaluateCondition(rules.segments[id].criteria, signals).truth, id).toBe(true);
    }

    expect(decideSegment(facts, AS_OF, rules).segment).toBe(first);
    expect(decideSegment(facts, AS_OF, withSwapped(rules, first, second)).segment).toBe(second);
  });

  it("covers every pair that can overlap: the others exclude each other by renewal or usage", () => {
    const covered = new Set(overlaps.map(([a, b]) => [a, b].sort().join("+")));
    const exclusive = [
      ["revenue_at_risk", "engagement_drop"],
      ["revenue_at_risk", "expansion_opportunity"],
      ["revenue_at_risk", "healthy_stable"],
      ["engagement_drop", "expansion_opportunity"],
      ["engagement_drop", "healthy_stable"],
    ].map((pair) => pair.sort().join("+"));

    expect(covered.size + exclusive.length).toBe(10);
    expect(exclusive.filter((pair) => covered.has(pair))).toEqual([]);
  });
});

function withSwapped(original: Rules, a: SegmentId, b: SegmentId): Rules {
  const precedence = original.precedence.map((id) => (id === a ? b : id === b ? a : id));

  return { ...original, precedence };
}
