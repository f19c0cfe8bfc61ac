import type { MatomoUserActivity } from "./facts-input.js";
import { decideLastLogin, type LoginCoverage } from "./login-coverage.js";
import type { MatomoFacts } from "./matomo-facts.js";

/**
 * A company's Matomo facts from the visits log: the newest login of any of its users, the sum
 * of their logins and the union of their features. Counts are known only when the usage window
 * is covered; then a company with no login in it has a known zero.
 */
export function readVisitLogFacts(
  activity: readonly MatomoUserActivity[],
  coverage: LoginCoverage,
): MatomoFacts {
  const loginDates = activity.flatMap((user) => user.lastLoginDate ?? []);
  const newestLogin = loginDates.sort().at(-1);
  const features = new Set(activity.flatMap((user) => user.featuresInWindow));

  return {
    lastLogin: decideLastLogin(newestLogin, coverage),
    logins30d: coverage.windowCovered
      ? activity.reduce((sum, user) => sum + user.loginsInWindow, 0)
      : undefined,
    featuresUsed30d: coverage.windowCovered ? features.size : undefined,
  };
}
