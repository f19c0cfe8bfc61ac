import type { CompanyIndex } from "./company-index.js";
import type { MatomoUserIdRule } from "./facts-settings.js";
import { matchEmailDomain } from "./match-email-domain.js";
import type { RecordMatch } from "./record-match.js";

/**
 * The company a Matomo user id belongs to, by the configured rule: the id is the HubSpot
 * company id, or a person's e-mail whose domain is the company's. With both allowed, an id that
 * is a company id decides alone.
 */
export function matchMatomoUser(
  userId: string,
  index: CompanyIndex,
  rule: MatomoUserIdRule,
): RecordMatch {
  const id = userId.trim();
  if (rule !== "email_domain" && index.byId.has(id)) {
    return { kind: "matched", companyId: id, via: "company_id" };
  }
  if (rule === "company_id") {
    return {
      kind: "unmatched",
      reason: "no_company_with_id",
      message: `no company has the id ${id}`,
    };
  }
  if (!id.includes("@")) {
    const message =
      rule === "email_domain"
        ? "it is not an e-mail address"
        : "it is neither a company id nor an e-mail address";
    return { kind: "unmatched", reason: "not_an_email", message };
  }

  return matchEmailDomain(id, index);
}
