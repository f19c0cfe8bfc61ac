import type { CalendarDate } from "./dates.js";

/**
 * What is known of a customer's last login. `never` means its users are known and have never
 * logged in: inactive for any number of days, not unknown. `none_since` means no login on or
 * after that date was seen (the covered window had none), so the customer is known to have been
 * inactive at least that long.
 */
export type LastLogin =
  | { kind: "date"; date: CalendarDate }
  | { kind: "never" }
  | { kind: "none_since"; date: CalendarDate };

/**
 * One customer's raw facts as sources supply them. `undefined` is unknown. A `never` last login
 * implies zero logins and features: unknown counts are taken as zero, and a positive count
 * beside it is a contradiction that whoever builds the facts must refuse, not pass on.
 */
export interface CustomerFacts {
  customerId: string;
  name: string;
  plan?: string | undefined;
  contractEndDate?: CalendarDate | undefined;
  accountStartDate?: CalendarDate | undefined;
  supportTickets?: number | undefined;
  paymentFailed?: boolean | undefined;
  lastLogin?: LastLogin | undefined;
  logins30d?: number | undefined;
  featuresUsed30d?: number | undefined;
}

export const NUMERIC_FACTS = [
  "days_to_renewal",
  "account_age_days",
  "support_tickets",
  "days_since_last_login",
  "logins_30d",
  "features_used_30d",
] as const;
export const BOOLEAN_FACTS = ["payment_failed"] as const;
export const CATEGORY_FACTS = ["plan", "usage_level"] as const;

export type NumericFact = (typeof NUMERIC_FACTS)[number];
export type BooleanFact = (typeof BOOLEAN_FACTS)[number];
export type CategoryFact = (typeof CATEGORY_FACTS)[number];
export type FactName = NumericFact | BooleanFact | CategoryFact;

export const FACT_NAMES: readonly FactName[] = [
  ...NUMERIC_FACTS,
  ...BOOLEAN_FACTS,
  ...CATEGORY_FACTS,
];

export const USAGE_LEVELS = ["low", "medium", "high"] as const;
export type UsageLevel = (typeof USAGE_LEVELS)[number];

/**
 * A numeric fact as the range it is known to lie in. An exact value is `min === max`; an
 * inactivity bound is `[n, Infinity]`; `never` logged in is `[Infinity, Infinity]`.
 */
export interface NumericRange {
  min: number;
  max: number;
}

/** The facts the rules read, derived for one evaluation date. A missing key is unknown. */
export interface Signals {
  numeric: Partial<Record<NumericFact, NumericRange>>;
  boolean: Partial<Record<BooleanFact, boolean>>;
  category: Partial<Record<CategoryFact, string>>;
}
