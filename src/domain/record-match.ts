/** The key that tied a Stripe customer or a Matomo user id to a company. */
export type MatchKey = "metadata" | "company_stripe_id" | "company_id" | "email_domain";

/** Why a record matched no company. */
export type UnmatchedReason =
  | "metadata_company_missing"
  | "no_key"
  | "not_an_email"
  | "free_mail_domain"
  | "no_company_with_domain"
  | "no_company_with_id";

/**
 * Where one source record lands. An ambiguous record is listed and never used: guessing
 * between two customers would put one customer's failed payment on another's account.
 */
export type RecordMatch =
  | { kind: "matched"; companyId: string; via: MatchKey }
  | { kind: "ambiguous"; companyIds: string[]; via: MatchKey }
  | { kind: "unmatched"; reason: UnmatchedReason; message: string };
