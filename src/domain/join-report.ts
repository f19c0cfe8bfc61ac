import type { MatchKey, UnmatchedReason } from "./record-match.js";

/** A record that matched no company, and why. */
export interface UnmatchedRecord {
  id: string;
  reason: UnmatchedReason;
  message: string;
}

/** A record that matched several companies by the same key: listed, never used. */
export interface AmbiguousRecord {
  id: string;
  companyIds: string[];
  via: MatchKey;
}

/** A Stripe customer whose metadata and a company's stored id disagree; the metadata won. */
export interface StripeConflict {
  customerId: string;
  companyId: string;
  alsoStoredOn: string[];
}

export interface SourceJoinReport {
  /** Records considered (Stripe: not deleted; Matomo: distinct user ids). */
  records: number;
  matchedBy: Partial<Record<MatchKey, number>>;
  unmatched: UnmatchedRecord[];
  ambiguous: AmbiguousRecord[];
}

export interface UnjoinedCompany {
  companyId: string;
  name: string;
  /** Set when something hints at a match that failed, e.g. a stored Stripe id never imported. */
  note?: string | undefined;
}

/** What `csops join-report` shows: everything the join could not place. */
export interface JoinReport {
  stripe: SourceJoinReport & { deletedIgnored: number; conflicts: StripeConflict[] };
  matomo: SourceJoinReport;
  companiesWithoutStripe: UnjoinedCompany[];
  companiesWithoutMatomo: UnjoinedCompany[];
  /** Visits in the usage window without a user id: no company can be named for them. */
  unattributedVisits: { count: number; total: number; share: number | undefined };
}
