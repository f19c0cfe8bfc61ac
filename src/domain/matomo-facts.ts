import type { MatomoUserActivity } from "./facts-input.js";
import type { LastLogin } from "./facts.js";
import type { LoginCoverage } from "./login-coverage.js";
import type { MatomoUserRecord } from "./records.js";
import { readUserAggregateFacts } from "./read-user-aggregate-facts.js";
import { readVisitLogFacts } from "./read-visit-log-facts.js";

/** The facts Matomo supplies for one company. Undefined is unknown. */
export interface MatomoFacts {
  lastLogin: LastLogin | undefined;
  logins30d: number | undefined;
  featuresUsed30d: number | undefined;
}

/** What Matomo holds about one company's users. */
export interface MatomoUsers {
  /** The company's users as the visits log saw them (none when it never saw them). */
  activity: readonly MatomoUserActivity[];
  /** The newest per-user aggregates row of each of the company's users that has one. */
  aggregates: readonly MatomoUserRecord[];
}

const FACT_KEYS = ["lastLogin", "logins30d", "featuresUsed30d"] as const;

/**
 * A company's Matomo facts from both forms Matomo arrives in. The form that has rows for the
 * company's users comes first, the visits log before aggregates when both do, and the other
 * fills each fact the first leaves unknown: an aggregate row is a record of the company, while
 * the visits log's zero for a company it never saw is only an inference from coverage.
 */
export function buildMatomoFacts(
  users: MatomoUsers,
  coverage: LoginCoverage,
): { facts: MatomoFacts; notes: string[] } {
  const visits = readVisitLogFacts(users.activity, coverage);
  const aggregates = readUserAggregateFacts(users.aggregates);
  const visitsFirst = users.activity.length > 0 || users.aggregates.length === 0;
  const [first, second] = visitsFirst ? [visits, aggregates.facts] : [aggregates.facts, visits];

  const facts: MatomoFacts = {
    lastLogin: first.lastLogin ?? second.lastLogin,
    logins30d: first.logins30d ?? second.logins30d,
    featuresUsed30d: first.featuresUsed30d ?? second.featuresUsed30d,
  };
  const usedAggregates = FACT_KEYS.some(
    (key) => aggregates.facts[key] !== undefined && (!visitsFirst || visits[key] === undefined),
  );

  const notes = usedAggregates ? [...aggregates.notes] : [];
  if (facts.featuresUsed30d === undefined && aggregates.featuresUncombinable) {
    notes.push("Features used is unknown: distinct features cannot be added up across users");
  }

  return { facts, notes };
}
