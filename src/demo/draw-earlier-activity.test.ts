import { describe, expect, it } from "vitest";

import { createRandom } from "./create-random.js";
import { drawEarlierActivity } from "./draw-earlier-activity.js";
import type { ActivityPlan } from "./plan-customer.js";

const busy: ActivityPlan = { logins: 10, lastLoginDaysAgo: 3, features: 4 };
const drifting: ActivityPlan = { logins: 2, lastLoginDaysAgo: 20, features: 1 };

/** 500 draws of a trend, each from its own seed. */
function drawMany(trend: Parameters<typeof drawEarlierActivity>[0], recent: ActivityPlan) {
  return Array.from({ length: 500 }, (_, seed) =>
    drawEarlierActivity(trend, recent, createRandom(seed)),
  );
}

describe("drawEarlierActivity", () => {
  it("keeps a steady customer at 85 to 115% of its logins, with the same features", () => {
    const draws = drawMany("steady", busy);
    const rates = draws.map((draw) => draw.loginsPer30Days);

    expect(Math.min(...rates)).toBeGreaterThanOrEqual(8.5);
    expect(Math.max(...rates)).toBeLessThan(11.5);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(2.5);
    expect(new Set(draws.map((draw) => draw.features))).toEqual(new Set([4]));
  });

  it("makes an upsell candidate less busy before, with up to two features fewer", () => {
    const draws = drawMany("growing", busy);
    const rates = draws.map((draw) => draw.loginsPer30Days);

    expect(Math.min(...rates)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...rates)).toBeLessThan(9.5);
    expect(new Set(draws.map((draw) => draw.features))).toEqual(new Set([2, 3, 4]));
  });

  it("makes a drifting customer a regular user before: 6 to 12 logins, 2 to 4 features", () => {
    const draws = drawMany("declining", drifting);

    expect(new Set(draws.map((draw) => draw.loginsPer30Days))).toEqual(
      new Set([6, 7, 8, 9, 10, 11, 12]),
    );
    expect(new Set(draws.map((draw) => draw.features))).toEqual(new Set([2, 3, 4]));
    for (const draw of drawMany("declining", { ...drifting, features: 5 })) {
      expect(draw.features).toBe(5);
    }
  });

  it("gives a customer Matomo never saw no earlier activity either", () => {
    expect(new Set(drawMany("absent", busy).map((draw) => JSON.stringify(draw)))).toEqual(
      new Set([JSON.stringify({ loginsPer30Days: 0, features: 0 })]),
    );
  });
});
