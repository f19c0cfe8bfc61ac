import { describe, expect, it } from "vitest";

import { loadRulesOrFail } from "../rules/load-rules.js";
import { deriveSignals, usageLevelOf } from "./derive-signals.js";
import type { CustomerFacts } from "./facts.js";

const rules = loadRulesOrFail();
const AS_OF = "2026-12-03";
const someone: CustomerFacts = { customerId: "c1", name: "Derras Real Estate" };

function derive(facts: Partial<CustomerFacts>) {
  return deriveSignals({ ...someone, ...facts }, AS_OF, rules);
}

describe("deriveSignals", () => {
  it("knows nothing about a customer with no facts", () => {
    expect(derive({})).toEqual({ numeric: {}, boolean: {}, category: {} });
  });

  it.each([
    ["2027-02-01", 60],
    ["2027-02-02", 61],
    ["2026-12-03", 0],
    ["2026-11-03", -30],
  ])("counts days to renewal to %s as %i", (contractEndDate, days) => {
    expect(derive({ contractEndDate }).numeric.days_to_renewal).toEqual({ min: days, max: days });
  });

  it.each([
    ["2026-11-03", 30],
    ["2026-11-02", 31],
    ["2026-12-03", 0],
  ])("counts the age of an account started %s as %i days", (accountStartDate, days) => {
    expect(derive({ accountStartDate }).numeric.account_age_days).toEqual({ min: days, max: days });
  });

  it.each([
    ["2026-11-20", 13],
    ["2026-11-19", 14],
    ["2026-11-27", 6],
    ["2026-11-26", 7],
  ])("counts days since a last login on %s as %i", (date, days) => {
    expect(derive({ lastLogin: { kind: "date", date } }).numeric.days_since_last_login).toEqual({
      min: days,
      max: days,
    });
  });

  it.each([
    // No login on or after 11-20: the last one was 11-19 or earlier, 14 days or more ago.
    ["2026-11-20", 14],
    ["2026-11-21", 13],
    ["2026-12-03", 1],
  ])("bounds the inactivity of a customer with no login since %s at %i days", (date, min) => {
    expect(
      derive({ lastLogin: { kind: "none_since", date } }).numeric.days_since_last_login,
    ).toEqual({ min, max: Infinity });
  });

  it("knows a customer that never logged in is inactive forever, with zero usage", () => {
    const signals = derive({ lastLogin: { kind: "never" } });

    expect(signals.numeric.days_since_last_login).toEqual({ min: Infinity, max: Infinity });
    expect(signals.numeric.logins_30d).toEqual({ min: 0, max: 0 });
    expect(signals.numeric.features_used_30d).toEqual({ min: 0, max: 0 });
    expect(signals.category.usage_level).toBe("low");
  });

  it("leaves usage unknown when the last login is unknown or a date", () => {
    expect(derive({}).numeric.logins_30d).toBeUndefined();
    const dated = derive({ lastLogin: { kind: "date", date: "2026-12-01" } });
    expect(dated.numeric.logins_30d).toBeUndefined();
    expect(dated.category.usage_level).toBeUndefined();
  });

  it.each([
    [0, "low"],
    [7, "low"],
    [8, "medium"],
    [14, "medium"],
    [15, "high"],
    [400, "high"],
  ])("puts %i logins in 30 days at usage level %s", (logins30d, level) => {
    expect(usageLevelOf(logins30d, rules)).toBe(level);
    expect(derive({ logins30d }).category.usage_level).toBe(level);
  });

  it("follows the configured usage levels", () => {
    const stricter = { ...rules, usage_levels: { medium_from: 10, high_from: 20 } };

    expect(usageLevelOf(9, stricter)).toBe("low");
    expect(usageLevelOf(19, stricter)).toBe("medium");
    expect(usageLevelOf(20, stricter)).toBe("high");
  });

  it("takes the other facts as they are", () => {
    const signals = derive({
      supportTickets: 2,
      paymentFailed: false,
      featuresUsed30d: 4,
      plan: " Standard ",
    });

    expect(signals.numeric.support_tickets).toEqual({ min: 2, max: 2 });
    expect(signals.numeric.features_used_30d).toEqual({ min: 4, max: 4 });
    expect(signals.boolean.payment_failed).toBe(false);
    expect(signals.category.plan).toBe("Standard");
  });

  it("treats a blank plan as unknown", () => {
    expect(derive({ plan: "  " }).category.plan).toBeUndefined();
  });
});
