import type { CompanyIndex } from "./company-index.js";
import { emailDomainOf } from "./email-domain.js";
import type { RecordMatch } from "./record-match.js";

/** The company whose domain is the e-mail's, if exactly one company has it. */
export function matchEmailDomain(email: string, index: CompanyIndex): RecordMatch {
  const domain = emailDomainOf(email);
  if (domain === undefined) {
    return {
      kind: "unmatched",
      reason: "not_an_email",
      message: `"${email}" has no e-mail domain`,
    };
  }
  if (index.freeMailDomains.has(domain)) {
    return {
      kind: "unmatched",
      reason: "free_mail_domain",
      message: `${domain} is a free-mail domain, never used to match`,
    };
  }

  const companyIds = index.byDomain.get(domain) ?? [];
  const [only] = companyIds;
  if (only !== undefined && companyIds.length === 1) {
    return { kind: "matched", companyId: only, via: "email_domain" };
  }
  if (companyIds.length > 1) return { kind: "ambiguous", companyIds, via: "email_domain" };

  return {
    kind: "unmatched",
    reason: "no_company_with_domain",
    message: `no company has the domain ${domain}`,
  };
}
