import { normalizeDomain } from "./email-domain.js";
import type { CompanyRecord } from "./records.js";

/** The companies, looked up by each key the join uses. */
export interface CompanyIndex {
  byId: ReadonlyMap<string, CompanyRecord>;
  /** Company ids per normalized domain. Free-mail domains are left out: they never match. */
  byDomain: ReadonlyMap<string, string[]>;
  /** Company ids per Stripe customer id stored on the company. */
  byStripeCustomerId: ReadonlyMap<string, string[]>;
  freeMailDomains: ReadonlySet<string>;
}

export function indexCompanies(
  companies: readonly CompanyRecord[],
  freeMailDomains: readonly string[],
): CompanyIndex {
  const freeMail = new Set(freeMailDomains.flatMap((text) => normalizeDomain(text) ?? []));
  const byId = new Map<string, CompanyRecord>();
  const byDomain = new Map<string, string[]>();
  const byStripeCustomerId = new Map<string, string[]>();

  for (const company of companies) {
    byId.set(company.companyId, company);

    const domain = company.domain === undefined ? undefined : normalizeDomain(company.domain);
    if (domain !== undefined && !freeMail.has(domain)) append(byDomain, domain, company.companyId);

    const stripeId = company.stripeCustomerId?.trim();
    if (stripeId) append(byStripeCustomerId, stripeId, company.companyId);
  }

  return { byId, byDomain, byStripeCustomerId, freeMailDomains: freeMail };
}

function append(map: Map<string, string[]>, key: string, value: string): void {
  const values = map.get(key);
  if (values === undefined) map.set(key, [value]);
  else if (!values.includes(value)) values.push(value);
}
