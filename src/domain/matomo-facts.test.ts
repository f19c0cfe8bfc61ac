import { describe, expect, it } from "vitest";

import { listDays } from "./add-days.js";
import type { MatomoUserActivity } from "./facts-input.js";
import { describeLoginCoverage } from "./login-coverage.js";
import { buildMatomoFacts } from "./matomo-facts.js";
import type { MatomoUserRecord } from "./records.js";
import { readUserAggregateFacts } from "./read-user-aggregate-facts.js";
import { readVisitLogFacts } from "./read-visit-log-facts.js";

const AS_OF = "2026-12-03";

/** The 30-day window 2026-11-03 to 2026-12-02 and more: every count is known. */
const fullCoverage = describeLoginCoverage(listDays("2026-10-20", "2026-12-02"), AS_OF, 30);
/** Only the last two weeks: counts over 30 days are unknown. */
const partialCoverage = describeLoginCoverage(listDays("2026-11-19", "2026-12-02"), AS_OF, 30);
const noCoverage = describeLoginCoverage([], AS_OF, 30);

function user(userId: string, fields: Partial<MatomoUserActivity> = {}): MatomoUserActivity {
  return { userId, loginsInWindow: 0, featuresInWindow: [], ...fields };
}

function aggregate(userId: string, fields: Partial<MatomoUserRecord> = {}): MatomoUserRecord {
  return { userId, exportedOn: "2026-11-30", ...fields };
}

describe("readVisitLogFacts", () => {
  const anna = user("anna", {
    lastLoginDate: "2026-11-28",
    loginsInWindow: 5,
    featuresInWindow: ["search", "export"],
  });
  const bob = user("bob", {
    lastLoginDate: "2026-12-01",
    loginsInWindow: 3,
    featuresInWindow: ["export", "listing"],
  });

  it.each([
    [
      "several users: the newest login, the sum of logins, the union of features",
      [anna, bob],
      fullCoverage,
      { lastLogin: { kind: "date", date: "2026-12-01" }, logins30d: 8, featuresUsed30d: 3 },
    ],
    [
      "no user seen in a covered window: known zeros, inactive since coverage began",
      [],
      fullCoverage,
      { lastLogin: { kind: "none_since", date: "2026-10-20" }, logins30d: 0, featuresUsed30d: 0 },
    ],
    [
      "a user seen long ago and not since",
      [user("old", { lastLoginDate: "2026-06-01" })],
      fullCoverage,
      { lastLogin: { kind: "none_since", date: "2026-10-20" }, logins30d: 0, featuresUsed30d: 0 },
    ],
    [
      "part of the window uncovered: counts unknown, a login in the stretch exact",
      [anna, bob],
      partialCoverage,
      {
        lastLogin: { kind: "date", date: "2026-12-01" },
        logins30d: undefined,
        featuresUsed30d: undefined,
      },
    ],
    [
      "part of the window uncovered, no login in the stretch",
      [user("old", { lastLoginDate: "2026-11-10" })],
      partialCoverage,
      {
        lastLogin: { kind: "none_since", date: "2026-11-19" },
        logins30d: undefined,
        featuresUsed30d: undefined,
      },
    ],
    [
      "nothing covered",
      [anna],
      noCoverage,
      { lastLogin: undefined, logins30d: undefined, featuresUsed30d: undefined },
    ],
  ])("%s", (_, activity, coverage, expected) => {
    expect(readVisitLogFacts(activity, coverage)).toEqual(expected);
  });
});

describe("readUserAggregateFacts", () => {
  it.each([
    [
      "one user, as it is",
      [aggregate("a", { lastLoginDate: "2026-11-12", logins30d: 9, featuresUsed30d: 4 })],
      { lastLogin: { kind: "date", date: "2026-11-12" }, logins30d: 9, featuresUsed30d: 4 },
    ],
    [
      "one user who never logged in",
      [aggregate("a", { lastLoginDate: "never", logins30d: 0, featuresUsed30d: 0 })],
      { lastLogin: { kind: "never" }, logins30d: 0, featuresUsed30d: 0 },
    ],
    [
      "two users, one never logged in: the other's login, summed logins, the one user's features",
      [
        aggregate("a", { lastLoginDate: "never", logins30d: 0, featuresUsed30d: 0 }),
        aggregate("b", { lastLoginDate: "2026-11-20", logins30d: 6, featuresUsed30d: 2 }),
      ],
      { lastLogin: { kind: "date", date: "2026-11-20" }, logins30d: 6, featuresUsed30d: 2 },
    ],
    [
      "two users both using features: distinct features cannot be added",
      [
        aggregate("a", { lastLoginDate: "2026-11-25", logins30d: 4, featuresUsed30d: 2 }),
        aggregate("b", { lastLoginDate: "2026-11-20", logins30d: 6, featuresUsed30d: 3 }),
      ],
      {
        lastLogin: { kind: "date", date: "2026-11-25" },
        logins30d: 10,
        featuresUsed30d: undefined,
      },
    ],
    [
      "a user with empty cells makes those facts unknown",
      [
        aggregate("a", { lastLoginDate: "2026-11-25", logins30d: 4, featuresUsed30d: 1 }),
        aggregate("b"),
      ],
      { lastLogin: undefined, logins30d: undefined, featuresUsed30d: undefined },
    ],
    ["no rows", [], { lastLogin: undefined, logins30d: undefined, featuresUsed30d: undefined }],
  ])("%s", (_, rows, facts) => {
    expect(readUserAggregateFacts(rows).facts).toEqual(facts);
  });
});

describe("buildMatomoFacts", () => {
  const seen = user("anna", {
    lastLoginDate: "2026-12-01",
    loginsInWindow: 3,
    featuresInWindow: ["search"],
  });
  const exported = aggregate("anna", {
    lastLoginDate: "2026-11-29",
    logins30d: 12,
    featuresUsed30d: 5,
  });
  const aggregateNote = "Matomo figures from per-user aggregates exported on 2026-11-30";

  it.each([
    [
      "the visits log first when it has the company's users",
      { activity: [seen], aggregates: [exported] },
      fullCoverage,
      { lastLogin: { kind: "date", date: "2026-12-01" }, logins30d: 3, featuresUsed30d: 1 },
      [],
    ],
    [
      "aggregates fill what a partly covered visits log leaves unknown",
      { activity: [seen], aggregates: [exported] },
      partialCoverage,
      { lastLogin: { kind: "date", date: "2026-12-01" }, logins30d: 12, featuresUsed30d: 5 },
      [aggregateNote],
    ],
    [
      "aggregates first when the visits log never saw the company's users",
      { activity: [], aggregates: [exported] },
      fullCoverage,
      { lastLogin: { kind: "date", date: "2026-11-29" }, logins30d: 12, featuresUsed30d: 5 },
      [aggregateNote],
    ],
    [
      "the visits log's known zero fills an empty aggregate cell",
      { activity: [], aggregates: [aggregate("anna", { lastLoginDate: "2026-11-29" })] },
      fullCoverage,
      { lastLogin: { kind: "date", date: "2026-11-29" }, logins30d: 0, featuresUsed30d: 0 },
      [aggregateNote],
    ],
    [
      "neither: what coverage proves",
      { activity: [], aggregates: [] },
      fullCoverage,
      { lastLogin: { kind: "none_since", date: "2026-10-20" }, logins30d: 0, featuresUsed30d: 0 },
      [],
    ],
    [
      "several users' features from aggregates, with no visits log to count them",
      {
        activity: [],
        aggregates: [
          aggregate("a", { featuresUsed30d: 2, logins30d: 3 }),
          aggregate("b", { featuresUsed30d: 1, logins30d: 1 }),
        ],
      },
      noCoverage,
      { lastLogin: undefined, logins30d: 4, featuresUsed30d: undefined },
      [
        aggregateNote,
        "Features used is unknown: distinct features cannot be added up across users",
      ],
    ],
  ])("%s", (_, users, coverage, facts, notes) => {
    expect(buildMatomoFacts(users, coverage)).toEqual({ facts, notes });
  });
});
