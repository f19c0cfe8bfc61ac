import { describe, expect, it } from "vitest";

import { countDataGaps } from "./count-data-gaps.js";

const MATOMO = "Matomo (visits)";
const STRIPE = "Stripe (subscriptions and invoices)";

describe("countDataGaps", () => {
  it("counts unknown facts per source and fact, and the customers left in Data gap", () => {
    const gaps = countDataGaps([
      {
        customerId: "a",
        segment: "data_gap",
        shownSegment: "data_gap",
        unknown: [
          { fact: "logins_30d", source: MATOMO },
          { fact: "days_since_last_login", source: MATOMO },
        ],
      },
      {
        customerId: "b",
        segment: "revenue_at_risk",
        shownSegment: "revenue_at_risk",
        unknown: [
          { fact: "logins_30d", source: MATOMO },
          { fact: "payment_failed", source: STRIPE },
        ],
      },
      { customerId: "c", segment: "healthy_stable", shownSegment: "healthy_stable", unknown: [] },
    ]);

    expect(gaps).toEqual([
      {
        source: MATOMO,
        facts: [
          { fact: "days_since_last_login", customers: 1 },
          { fact: "logins_30d", customers: 2 },
        ],
        customers: 2,
        inDataGap: 1,
      },
      {
        source: STRIPE,
        facts: [{ fact: "payment_failed", customers: 1 }],
        customers: 1,
        inDataGap: 0,
      },
    ]);
  });
});
