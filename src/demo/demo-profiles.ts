import type { Bucket } from "../domain/rules.js";

/** Where a profile's customers should land under the default rules, or refused at import. */
export type IntendedOutcome = Bucket | "rejected";

type Range = readonly [min: number, max: number];

/** What a profile's customers look like; each range is drawn uniformly, both ends included. */
export interface DemoProfile {
  id: string;
  intended: IntendedOutcome;
  /** Share of the customers that are not planted malformed rows. */
  share: number;
  about: string;
  /** Days from the evaluation date to the contract end (negative: just passed). */
  renewal?: Range;
  /** New accounts: days since they became customers; the contract ends a year after. */
  accountAge?: Range;
  /** Logins in the 30 days before the evaluation date. */
  logins: Range;
  /** Days from the last login to the evaluation date. */
  lastLogin: Range;
  /** Distinct features used in those 30 days (never more than the logins). */
  features: Range;
  /** Tickets in the last 30 days: usual is 0–2, many is 3–6. */
  tickets: "usual" | "at_most_one" | "many";
  billing: "paying" | "failing" | "gmail_unmatched" | "no_customer" | "canceled";
  /** How the customer used the product before those 30 days (see `drawEarlierActivity`). */
  earlier: EarlierTrend;
}

/**
 * Usage in the days of the visits log before the profile's 30 days: `steady` about as now,
 * `growing` somewhat less than now (the usage that makes an upsell), `declining` more than now
 * (the drop the profile is about), `absent` never seen. No customer has a visit before the day
 * it became a customer, so a new account has none of these days whatever its trend.
 */
export type EarlierTrend = "steady" | "growing" | "declining" | "absent";

/**
 * The customer mix, by intended profile. The shares read like an 850-agency business with two
 * CS people: most customers healthy, a few dozen at risk or drifting, a handful stuck in
 * onboarding, a fifth with nothing to act on (renewal close but no problem, or quiet but still
 * logging in), and a few whose billing cannot be matched. Every day threshold a profile is
 * near (renewal in 60 days, inactive 7 or 14 days, 30 days old) is kept two days or more away,
 * so a date read a day off somewhere does not change the picture.
 */
export const DEMO_PROFILES = [
  {
    id: "healthy_steady",
    intended: "healthy_stable",
    share: 0.545,
    about: "8–12 logins (Enterprise up to 20, some heavy users of 1–2 features), paying",
    renewal: [63, 365],
    logins: [8, 12],
    lastLogin: [1, 5],
    features: [1, 6],
    tickets: "usual",
    billing: "paying",
    earlier: "steady",
  },
  {
    id: "healthy_new_account",
    intended: "healthy_stable",
    share: 0.02,
    about: "customer for 4–27 days, 8–14 logins, 2–5 features: onboarding going well",
    accountAge: [4, 27],
    logins: [8, 14],
    lastLogin: [1, 3],
    features: [2, 5],
    tickets: "usual",
    billing: "paying",
    earlier: "steady",
  },
  {
    id: "expansion_ready",
    intended: "expansion_opportunity",
    share: 0.09,
    about: "Basic or Standard, 15–26 logins, 3–7 features, at most 1 ticket, paying",
    renewal: [63, 365],
    logins: [15, 26],
    lastLogin: [1, 2],
    features: [3, 7],
    tickets: "at_most_one",
    billing: "paying",
    earlier: "growing",
  },
  {
    id: "at_risk_payment_failed",
    intended: "revenue_at_risk",
    share: 0.02,
    about: "renewal in −5 to 58 days; subscription past_due or an overdue one-off invoice",
    renewal: [-5, 58],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [2, 5],
    tickets: "usual",
    billing: "failing",
    earlier: "steady",
  },
  {
    id: "at_risk_tickets",
    intended: "revenue_at_risk",
    share: 0.015,
    about: "renewal in 0 to 58 days; 3–6 tickets in the last 30 days",
    renewal: [0, 58],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [2, 5],
    tickets: "many",
    billing: "paying",
    earlier: "steady",
  },
  {
    id: "at_risk_inactive",
    intended: "revenue_at_risk",
    share: 0.015,
    about: "renewal in 0 to 58 days; last login 16–28 days ago",
    renewal: [0, 58],
    logins: [1, 4],
    lastLogin: [16, 28],
    features: [0, 2],
    tickets: "at_most_one",
    billing: "paying",
    earlier: "declining",
  },
  {
    id: "onboarding_stuck",
    intended: "onboarding_stuck",
    share: 0.01,
    about: "customer for 10–28 days, 1–3 logins, at most 1 feature; some still trialing",
    accountAge: [10, 28],
    logins: [1, 3],
    lastLogin: [1, 27],
    features: [0, 1],
    tickets: "usual",
    billing: "paying",
    earlier: "steady",
  },
  {
    id: "engagement_drop",
    intended: "engagement_drop",
    share: 0.03,
    about: "renewal over 62 days away; 1–5 logins, the last 16–28 days ago",
    renewal: [63, 365],
    logins: [1, 5],
    lastLogin: [16, 28],
    features: [0, 2],
    tickets: "at_most_one",
    billing: "paying",
    earlier: "declining",
  },
  {
    id: "never_in_matomo",
    intended: "engagement_drop",
    share: 0.015,
    about: "users never appear in Matomo: a covered window with no login is a known zero",
    renewal: [63, 365],
    logins: [0, 0],
    lastLogin: [0, 0],
    features: [0, 0],
    tickets: "at_most_one",
    billing: "paying",
    earlier: "absent",
  },
  {
    id: "renewal_due_quiet",
    intended: "none",
    share: 0.12,
    about: "renewal in −5 to 58 days, active and paying, no problem",
    renewal: [-5, 58],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [1, 5],
    tickets: "usual",
    billing: "paying",
    earlier: "steady",
  },
  {
    id: "low_usage_active",
    intended: "none",
    share: 0.07,
    about: "2–7 logins, the last 1–10 days ago: quiet but not inactive",
    renewal: [63, 365],
    logins: [2, 7],
    lastLogin: [1, 10],
    features: [1, 3],
    tickets: "usual",
    billing: "paying",
    earlier: "steady",
  },
  {
    id: "payment_failed_far_renewal",
    intended: "none",
    share: 0.015,
    about: "payment failed but renewal over 62 days away: no rule acts on it",
    renewal: [63, 365],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [2, 5],
    tickets: "usual",
    billing: "failing",
    earlier: "steady",
  },
  {
    id: "billing_unmatched_gmail",
    intended: "data_gap",
    share: 0.015,
    about: "healthy-looking; the Stripe customer is a gmail.com address with no company id",
    renewal: [63, 365],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [2, 5],
    tickets: "usual",
    billing: "gmail_unmatched",
    earlier: "steady",
  },
  {
    id: "no_stripe_customer",
    intended: "data_gap",
    share: 0.015,
    about: "healthy-looking; no Stripe customer at all (billed outside Stripe)",
    renewal: [63, 365],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [2, 5],
    tickets: "usual",
    billing: "no_customer",
    earlier: "steady",
  },
  {
    id: "canceled_in_stripe",
    intended: "data_gap",
    share: 0.005,
    about: "healthy-looking; its only subscription was canceled in Stripe, HubSpot not updated",
    renewal: [63, 365],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [2, 5],
    tickets: "usual",
    billing: "canceled",
    earlier: "steady",
  },
  {
    id: "malformed_record_id",
    intended: "rejected",
    share: 0,
    about: "Record ID mangled by a spreadsheet into scientific notation",
    renewal: [63, 365],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [1, 5],
    tickets: "usual",
    billing: "paying",
    earlier: "steady",
  },
  {
    id: "malformed_contract_date",
    intended: "rejected",
    share: 0,
    about: "contract end date 30 February",
    renewal: [63, 365],
    logins: [8, 14],
    lastLogin: [1, 5],
    features: [1, 5],
    tickets: "usual",
    billing: "paying",
    earlier: "steady",
  },
] as const satisfies readonly DemoProfile[];

export type DemoProfileId = (typeof DEMO_PROFILES)[number]["id"];

/** Planted malformed rows of each kind: about one in a thousand customers, none in tiny runs. */
export function countMalformed(customers: number): number {
  return customers < 100 ? 0 : Math.max(1, Math.floor(customers / 1000));
}

/**
 * How many customers each profile gets: the malformed companies first, then the shares by
 * largest remainder, so the counts always add up to `customers`.
 */
export function countProfiles(customers: number): Map<DemoProfileId, number> {
  const malformed = countMalformed(customers);
  const shared = customers - 2 * malformed;
  const exact = DEMO_PROFILES.map((profile) => profile.share * shared);
  const counts = exact.map(Math.floor);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let missing = shared - counts.reduce((sum, count) => sum + count, 0);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
    missing -= 1;
  }

  return new Map(
    DEMO_PROFILES.map((profile, index) => [
      profile.id,
      profile.intended === "rejected" ? malformed : (counts[index] ?? 0),
    ]),
  );
}
