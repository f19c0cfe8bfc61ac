import { describe, expect, it } from "vitest";

import { decideSegment } from "../domain/decide-segment.js";
import { loadRulesOrFail } from "../rules/load-rules.js";
import { createDemoRun } from "./create-demo-run.js";
import { dateOfDayNumber } from "./day-numbers.js";
import { DEMO_PROFILES, countProfiles } from "./demo-profiles.js";
import { intendedFactsOf } from "./intended-facts.js";
import { DEFAULT_VISIT_DAYS } from "./login-calendar.js";
import { companyIdOf, planCustomer, type CustomerPlan } from "./plan-customer.js";

const rules = loadRulesOrFail();
const asOf = "2026-12-03";

function planAll(customers: number, seed = 1): CustomerPlan[] {
  const run = createDemoRun({ customers, asOf, seed, timeZone: "Europe/London" });

  return Array.from({ length: customers }, (_, index) => planCustomer(run, index));
}

const plans = planAll(850);
const share = (count: number) => count / plans.length;

describe("the customer mix at 850 customers", () => {
  it("has every profile, in the counts countProfiles gives", () => {
    const counts = countProfiles(850);
    for (const profile of DEMO_PROFILES) {
      const planned = plans.filter((plan) => plan.profile.id === profile.id).length;
      expect(planned, profile.id).toBe(counts.get(profile.id));
      expect(planned, profile.id).toBeGreaterThan(0);
    }
  });

  it.each(DEMO_PROFILES.filter((profile) => profile.intended !== "rejected"))(
    "puts every $id customer in $intended under the default rules",
    (profile) => {
      const run = createDemoRun({ customers: 850, asOf, seed: 1, timeZone: "Europe/London" });
      const members = plans.filter((plan) => plan.profile.id === profile.id);
      for (const plan of members) {
        const decision = decideSegment(
          intendedFactsOf(plan, run.asOfDay, DEFAULT_VISIT_DAYS),
          asOf,
          rules,
        );
        expect(decision.segment, `${plan.name} (${plan.companyId})`).toBe(profile.intended);
      }
    },
  );

  it("puts most customers in Healthy & Stable and a few dozen at risk or drifting", () => {
    const outcomes = new Map<string, number>();
    for (const plan of plans) {
      outcomes.set(plan.profile.intended, (outcomes.get(plan.profile.intended) ?? 0) + 1);
    }

    expect(share(outcomes.get("healthy_stable") ?? 0)).toBeGreaterThan(0.5);
    expect(outcomes.get("revenue_at_risk")).toBeGreaterThanOrEqual(24);
    expect(outcomes.get("revenue_at_risk")).toBeLessThanOrEqual(60);
    expect(outcomes.get("engagement_drop")).toBeGreaterThanOrEqual(24);
    expect(outcomes.get("engagement_drop")).toBeLessThanOrEqual(60);
    expect(outcomes.get("onboarding_stuck")).toBeGreaterThanOrEqual(3);
    expect(outcomes.get("onboarding_stuck")).toBeLessThanOrEqual(12);
    expect(outcomes.get("data_gap")).toBeGreaterThan(0);
    expect(outcomes.get("none")).toBeGreaterThan(0);
  });

  it("sells about half Basic, a third Standard and a sixth Enterprise", () => {
    const of = (tier: string) => share(plans.filter((plan) => plan.plan === tier).length);

    expect(of("Basic")).toBeCloseTo(0.5, 1);
    expect(of("Standard")).toBeCloseTo(0.35, 1);
    expect(of("Enterprise")).toBeCloseTo(0.15, 1);
  });

  it("gives the two CS people most companies and leaves about a tenth unowned", () => {
    const owned = (owner: string | undefined) =>
      share(plans.filter((plan) => plan.owner === owner).length);

    expect(owned("Alex Morgan")).toBeGreaterThan(0.38);
    expect(owned("Sam Patel")).toBeGreaterThan(0.38);
    expect(owned(undefined)).toBeGreaterThan(0.06);
    expect(owned(undefined)).toBeLessThan(0.14);
  });

  it("spreads renewals over the next year, a few just past, and starts over four years", () => {
    const run = createDemoRun({ customers: 850, asOf, seed: 1, timeZone: "Europe/London" });
    const renewals = plans.map((plan) => plan.contractEndDay - run.asOfDay);
    const ages = plans.map((plan) => run.asOfDay - plan.customerSinceDay);
    const quarters = [0, 1, 2, 3].map(
      (quarter) => renewals.filter((days) => Math.floor(days / 92) === quarter).length,
    );

    expect(Math.min(...renewals)).toBeGreaterThanOrEqual(-5);
    expect(renewals.filter((days) => days < 0).length).toBeGreaterThan(0);
    expect(Math.max(...renewals)).toBeLessThanOrEqual(366);
    for (const count of quarters) expect(share(count)).toBeGreaterThan(0.15);
    expect(Math.max(...ages)).toBeLessThanOrEqual(4 * 366);
    expect(ages.filter((age) => age <= 30).length).toBeGreaterThanOrEqual(10);
  });

  it("never plans a login before the account existed or more features than logins", () => {
    const run = createDemoRun({ customers: 850, asOf, seed: 1, timeZone: "Europe/London" });
    for (const plan of plans) {
      const { logins, lastLoginDaysAgo, features } = plan.activity;
      expect(features).toBeLessThanOrEqual(logins);
      if (logins > 0) {
        expect(run.asOfDay - lastLoginDaysAgo).toBeGreaterThanOrEqual(plan.customerSinceDay);
        expect(lastLoginDaysAgo).toBeGreaterThanOrEqual(1);
        expect(lastLoginDaysAgo).toBeLessThanOrEqual(30);
      }
    }
  });
});

describe("planCustomer", () => {
  it("gives the same customer for the same run and index, another for another seed", () => {
    expect(planAll(50)).toEqual(planAll(50));
    expect(planAll(50, 2).map((plan) => plan.name)).not.toEqual(
      planAll(50).map((plan) => plan.name),
    );
  });

  it("gives each company a unique 10 to 11 digit id that its index finds again", () => {
    const ids = plans.map((plan) => plan.companyId);

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^\d{10,11}$/);
    expect(companyIdOf({ seed: 1, customers: 850 }, 17)).toBe(plans[17]?.companyId);
    const large = { seed: 1, customers: 1_000_000 };
    expect(companyIdOf(large, 999_999)).toMatch(/^\d{10,11}$/);
    expect(companyIdOf(large, 999_999)).not.toBe(companyIdOf(large, 999_998));
  });

  it("makes new accounts' contracts end a year after they start", () => {
    const fresh = plans.filter((plan) => plan.profile.accountAge !== undefined);

    expect(fresh.length).toBeGreaterThan(0);
    for (const plan of fresh) {
      const start = dateOfDayNumber(plan.customerSinceDay);
      const end = dateOfDayNumber(plan.contractEndDay);
      expect(Number(end.slice(0, 4)) - Number(start.slice(0, 4))).toBe(1);
      expect(end.slice(5)).toBe(start.slice(5) === "02-29" ? "02-28" : start.slice(5));
    }
  });
});
