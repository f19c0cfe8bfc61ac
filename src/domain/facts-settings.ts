import type { SourceName } from "./records.js";
import type { Rules } from "./rules.js";

/** Where the facts come from: the three sources, or the seed's single HubSpot export. */
export type SourcePreset = "three_sources" | "hubspot_only";

/** How a Matomo user id names its company. */
export type MatomoUserIdRule = "company_id" | "email_domain" | "company_id_or_email_domain";

export interface JoinSettings {
  /** Whether a Stripe customer with no stronger key may match by its e-mail's domain. */
  stripeByEmailDomain: boolean;
  matomoUserId: MatomoUserIdRule;
  /** Domains shared by many unrelated people: an e-mail there says nothing about the company. */
  freeMailDomains: readonly string[];
}

/**
 * What the facts builder needs to know about a deployment. The service layer fills it from the
 * configuration (`time_zone`, `sources.preset`, `sources.max_age_days`, `join`) and the rules
 * (`windows`), so the domain never reads configuration itself.
 */
export interface FactsSettings {
  /** IANA zone of the team: data times become calendar dates in it before ages are counted. */
  timeZone: string;
  preset: SourcePreset;
  /** The rules' windows; the store has already cut tickets and usage to them. */
  windows: Rules["windows"];
  /** Per source, the oldest its newest data may be, in whole days, before its facts are unknown. */
  maxAgeDays: Record<SourceName, number>;
  join: JoinSettings;
}
