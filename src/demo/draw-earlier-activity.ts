import type { Random } from "./create-random.js";
import type { EarlierTrend } from "./demo-profiles.js";
import type { ActivityPlan } from "./plan-customer.js";

/** How a customer used the product in the days of the visits log before the profile's 30. */
export interface EarlierActivity {
  /** Logins per 30 days, spread evenly over those days; a rate, so it may have a fraction. */
  loginsPer30Days: number;
  /** Distinct features used then: the first of the customer's own order of features. */
  features: number;
}

/**
 * The usage before the profile's 30 days, from its trend and the usage in them. Features are
 * taken from the start of one order per customer, so the features of any 30 days are those of
 * the busier part, and a customer's mix of features does not jump from one window to the next.
 */
export function drawEarlierActivity(
  trend: EarlierTrend,
  recent: ActivityPlan,
  random: Random,
): EarlierActivity {
  switch (trend) {
    case "absent":
      return { loginsPer30Days: 0, features: 0 };
    case "steady":
      return {
        loginsPer30Days: recent.logins * (0.85 + 0.3 * random.next()),
        features: recent.features,
      };
    case "growing":
      // The upsell candidates grew into their usage over the last months.
      return {
        loginsPer30Days: recent.logins * (0.7 + 0.25 * random.next()),
        features: Math.max(1, recent.features - random.int(0, 2)),
      };
    case "declining":
      // A drifting agency was a regular user (Low to Medium usage, a few features) before.
      return {
        loginsPer30Days: random.int(6, 12),
        features: Math.max(recent.features, random.int(2, 4)),
      };
  }
}
