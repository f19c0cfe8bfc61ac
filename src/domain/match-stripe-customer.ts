import type { CompanyIndex } from "./company-index.js";
import { matchEmailDomain } from "./match-email-domain.js";
import type { RecordMatch } from "./record-match.js";
import type { StripeCustomerRecord } from "./records.js";

/**
 * The company a Stripe customer belongs to. Keys are tried strongest first, and the first key
 * the customer has decides alone: a HubSpot company id in its metadata, then a company that
 * stores its customer id, then (when allowed) its e-mail's domain. A metadata id naming no
 * company is a mismatch to fix in Stripe, not a cue to guess by domain.
 */
export function matchStripeCustomer(
  customer: StripeCustomerRecord,
  index: CompanyIndex,
  byEmailDomain: boolean,
): RecordMatch {
  const metadataId = customer.hubspotCompanyId?.trim();
  if (metadataId) {
    if (index.byId.has(metadataId)) {
      return { kind: "matched", companyId: metadataId, via: "metadata" };
    }
    return {
      kind: "unmatched",
      reason: "metadata_company_missing",
      message: `its metadata names HubSpot company ${metadataId}, which does not exist (deleted or merged?)`,
    };
  }

  const storing = index.byStripeCustomerId.get(customer.customerId) ?? [];
  const [only] = storing;
  if (only !== undefined && storing.length === 1) {
    return { kind: "matched", companyId: only, via: "company_stripe_id" };
  }
  if (storing.length > 1)
    return { kind: "ambiguous", companyIds: storing, via: "company_stripe_id" };

  const noStrongKey = "no HubSpot company id in its metadata and no company stores its id";
  if (!byEmailDomain) {
    return {
      kind: "unmatched",
      reason: "no_key",
      message: `${noStrongKey}; matching by e-mail is off`,
    };
  }
  if (!customer.email?.trim()) {
    return { kind: "unmatched", reason: "no_key", message: `${noStrongKey}, and it has no e-mail` };
  }

  return matchEmailDomain(customer.email, index);
}
