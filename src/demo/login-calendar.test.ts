import { describe, expect, it } from "vitest";

import { createDemoRun } from "./create-demo-run.js";
import type { DemoProfileId } from "./demo-profiles.js";
import { createLoginCalendar, planLoginDays, type LoginCalendar } from "./login-calendar.js";
import { planCustomer, type CustomerPlan } from "./plan-customer.js";

const run = createDemoRun({
  customers: 850,
  asOf: "2026-12-03",
  seed: 1,
  timeZone: "Europe/London",
});
const plans = Array.from({ length: run.customers }, (_, index) => planCustomer(run, index));

function planCalendar(days: number): LoginCalendar {
  const calendar = createLoginCalendar(run.customers, days);
  for (const plan of plans) planLoginDays(plan, run, calendar);

  return calendar;
}

const month = planCalendar(30);
const twoMonths = planCalendar(60);

/** A customer's logins on the log's days `from` to `to` (0 is the log's first day). */
function loginsOf(calendar: LoginCalendar, customer: number, from = 0, to = calendar.days - 1) {
  const row = calendar.logins.subarray(customer * calendar.days, (customer + 1) * calendar.days);

  return Array.from(row.subarray(from, to + 1));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const ofProfile = (id: DemoProfileId) => plans.filter((plan) => plan.profile.id === id);
/** Customers for the whole 60 days: their earlier logins are not cut short by their start. */
const throughout = (plan: CustomerPlan) => plan.customerSinceDay <= run.asOfDay - 60;

describe("the login calendar of a 60-day visits log", () => {
  it("plans the profile's 30 days exactly as a 30-day log does", () => {
    for (const plan of plans) {
      expect(loginsOf(twoMonths, plan.index, 30), plan.name).toEqual(loginsOf(month, plan.index));
      expect(sum(loginsOf(twoMonths, plan.index, 30))).toBe(plan.activity.logins);
    }
    expect(twoMonths.features).toEqual(month.features);
  });

  it("plans no login before the customer's start, and none ever for a never_in_matomo agency", () => {
    const logStart = run.asOfDay - 60;
    for (const plan of plans) {
      const days = loginsOf(twoMonths, plan.index);
      const first = days.findIndex((count) => count > 0);
      if (first >= 0)
        expect(logStart + first, plan.name).toBeGreaterThanOrEqual(plan.customerSinceDay);
    }
    for (const plan of ofProfile("never_in_matomo")) {
      expect(sum(loginsOf(twoMonths, plan.index)), plan.name).toBe(0);
    }
    // New accounts are at most 28 days old: nothing before the profile's 30 days.
    for (const plan of [...ofProfile("healthy_new_account"), ...ofProfile("onboarding_stuck")]) {
      expect(sum(loginsOf(twoMonths, plan.index, 0, 29)), plan.name).toBe(0);
    }
  });

  it("shows a drifting agency busier before its last login, and more features used then", () => {
    const drifting = [...ofProfile("engagement_drop"), ...ofProfile("at_risk_inactive")];

    expect(drifting.filter(throughout).length).toBeGreaterThan(20);
    for (const plan of drifting.filter(throughout)) {
      const before = sum(loginsOf(twoMonths, plan.index, 0, 29));
      expect(before, plan.name).toBeGreaterThanOrEqual(6);
      expect(before, plan.name).toBeGreaterThan(plan.activity.logins);
      expect(twoMonths.earlierFeatures[plan.index]).toBeGreaterThanOrEqual(plan.activity.features);
    }
  });

  it("keeps steady customers about as busy as now, and upsell candidates a little less busy", () => {
    const ratio = (id: DemoProfileId) => {
      const members = ofProfile(id).filter(throughout);
      const before = sum(members.map((plan) => sum(loginsOf(twoMonths, plan.index, 0, 29))));

      return before / sum(members.map((plan) => plan.activity.logins));
    };

    for (const id of ["healthy_steady", "renewal_due_quiet", "low_usage_active"] as const) {
      expect(ratio(id), id).toBeGreaterThan(0.9);
      expect(ratio(id), id).toBeLessThan(1.1);
    }
    expect(ratio("expansion_ready")).toBeGreaterThan(0.7);
    expect(ratio("expansion_ready")).toBeLessThan(0.95);
  });

  it("counts every planned login in its day's total", () => {
    for (let day = 0; day < 60; day += 1) {
      const counted = plans.reduce(
        (total, plan) => total + (loginsOf(twoMonths, plan.index)[day] ?? 0),
        0,
      );
      expect(twoMonths.loginsPerDay[day], `day ${day}`).toBe(counted);
    }
  });
});
