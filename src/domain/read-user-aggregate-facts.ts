import type { LastLogin } from "./facts.js";
import type { MatomoFacts } from "./matomo-facts.js";
import type { MatomoUserRecord } from "./records.js";

/**
 * A company's Matomo facts from per-user aggregates, taken as they are, as of their export
 * date. Across several users: the newest last login (`never` only when every user never
 * logged in) and the sum of logins. Distinct features cannot be added up across users, so
 * with more than one user using features the count is unknown. A user with an empty cell makes
 * that fact unknown for the company: the others alone would understate it.
 */
export function readUserAggregateFacts(rows: readonly MatomoUserRecord[]): {
  facts: MatomoFacts;
  notes: string[];
  featuresUncombinable: boolean;
} {
  const logins = rows.map((row) => row.logins30d);
  const features = rows.map((row) => row.featuresUsed30d);
  const usersWithFeatures = features.filter((count) => count !== undefined && count > 0).length;
  const featuresUncombinable = usersWithFeatures > 1;
  const exportDates = [...new Set(rows.map((row) => row.exportedOn))].sort();

  if (rows.length === 0) {
    const facts = { lastLogin: undefined, logins30d: undefined, featuresUsed30d: undefined };
    return { facts, notes: [], featuresUncombinable };
  }

  return {
    facts: {
      lastLogin: combineLastLogins(rows.map((row) => row.lastLoginDate)),
      logins30d: allKnown(logins) ? logins.reduce((sum, count) => sum + count, 0) : undefined,
      featuresUsed30d:
        allKnown(features) && !featuresUncombinable ? Math.max(...features) : undefined,
    },
    notes: [`Matomo figures from per-user aggregates exported on ${exportDates.join(", ")}`],
    featuresUncombinable,
  };
}

function combineLastLogins(values: readonly (string | undefined)[]): LastLogin | undefined {
  if (!allKnown(values)) return undefined;

  const newest = values
    .filter((value) => value !== "never")
    .sort()
    .at(-1);

  return newest === undefined ? { kind: "never" } : { kind: "date", date: newest };
}

function allKnown<T>(values: readonly (T | undefined)[]): values is T[] {
  return values.every((value) => value !== undefined);
}
