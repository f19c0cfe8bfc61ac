import type { CalendarDate } from "./dates.js";
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
  let newestLogin: CalendarDate | undefined;
  let logins = 0;
  const features = new Set<string>();
  for (const user of activity) {
    const date = user.lastLoginDate;
    if (date !== undefined && (newestLogin === undefined || date > newestLogin)) newestLogin = date;
    logins += user.loginsInWindow;
    for (const feature of user.featuresInWindow) features.add(feature);
  }

  return {
    lastLogin: decideLastLogin(newestLogin, coverage),
    logins30d: coverage.windowCovered ? logins : undefined,
    featuresUsed30d: coverage.windowCovered ? features.size : undefined,
  };
}
