import { indexCompanies, type CompanyIndex } from "./company-index.js";
import { normalizeDomain } from "./email-domain.js";
import type { FactsInput } from "./facts-input.js";
import type { FactsSettings } from "./facts-settings.js";
import type {
  JoinReport,
  SourceJoinReport,
  StripeConflict,
  UnjoinedCompany,
} from "./join-report.js";
import { matchMatomoUser } from "./match-matomo-user.js";
import { matchStripeCustomer } from "./match-stripe-customer.js";
import type { RecordMatch } from "./record-match.js";
import type { CompanyRecord, StripeCustomerRecord } from "./records.js";

/** The Stripe customers and Matomo user ids that belong to one company. */
export interface CompanyLinks {
  stripeCustomerIds: string[];
  matomoUserIds: string[];
  /**
   * Whether a Matomo user id could name this company at all under the configured rule. A
   * company that cannot be matched has no Matomo record by construction, so its usage is
   * unknown rather than zero.
   */
  matomoMatchable: boolean;
}

export interface Join {
  /** Every company of the input, with what matched it (possibly nothing). */
  links: ReadonlyMap<string, CompanyLinks>;
  report: JoinReport;
}

export type JoinInput = Pick<
  FactsInput,
  | "companies"
  | "stripeCustomers"
  | "matomoActivity"
  | "matomoUserAggregates"
  | "matomoVisitsInWindow"
>;

/**
 * Ties Stripe customers and Matomo user ids to HubSpot companies, the customers. A company may
 * have several Stripe customers and several Matomo users; a record matching no company, or
 * several, is reported and left out, never guessed.
 */
export function joinSources(input: JoinInput, settings: Pick<FactsSettings, "join">): Join {
  const index = indexCompanies(input.companies, settings.join.freeMailDomains);
  const isMatomoMatchable = (company: CompanyRecord): boolean =>
    settings.join.matomoUserId !== "email_domain" || hasOwnDomain(company, index);
  const links = new Map<string, CompanyLinks>(
    input.companies.map((company) => [
      company.companyId,
      { stripeCustomerIds: [], matomoUserIds: [], matomoMatchable: isMatomoMatchable(company) },
    ]),
  );

  const liveCustomers = input.stripeCustomers.filter((customer) => customer.isDeleted !== true);
  const stripe = collectMatches(
    liveCustomers,
    (customer) => customer.customerId,
    (customer) => matchStripeCustomer(customer, index, settings.join.stripeByEmailDomain),
    (companyId, id) => addLink(links.get(companyId), "stripeCustomerIds", id),
  );

  const userIds = distinctSorted([
    ...input.matomoActivity.map((activity) => activity.userId),
    ...input.matomoUserAggregates.map((row) => row.userId),
  ]);
  const matomo = collectMatches(
    userIds,
    (id) => id,
    (id) => matchMatomoUser(id, index, settings.join.matomoUserId),
    (companyId, id) => addLink(links.get(companyId), "matomoUserIds", id),
  );

  return {
    links,
    report: {
      stripe: {
        ...stripe,
        deletedIgnored: input.stripeCustomers.length - liveCustomers.length,
        conflicts: findStripeConflicts(liveCustomers, index),
      },
      matomo,
      ...listUnjoined(input.companies, links, liveCustomers, isMatomoMatchable),
      unattributedVisits: describeUnattributed(input.matomoVisitsInWindow),
    },
  };
}

function collectMatches<T>(
  records: readonly T[],
  idOf: (record: T) => string,
  match: (record: T) => RecordMatch,
  link: (companyId: string, id: string) => void,
): SourceJoinReport {
  const report: SourceJoinReport = {
    records: records.length,
    matchedBy: {},
    unmatched: [],
    ambiguous: [],
  };

  for (const record of records) {
    const id = idOf(record);
    const result = match(record);
    if (result.kind === "matched") {
      link(result.companyId, id);
      report.matchedBy[result.via] = (report.matchedBy[result.via] ?? 0) + 1;
    } else if (result.kind === "ambiguous") {
      report.ambiguous.push({ id, companyIds: result.companyIds, via: result.via });
    } else {
      report.unmatched.push({ id, reason: result.reason, message: result.message });
    }
  }

  return report;
}

/**
 * Adds an id in a new array of the exact size (`concat`): every customer's facts row keeps these
 * arrays, and V8 grows an array to 17 slots on its first push (or spread).
 */
function addLink(
  links: CompanyLinks | undefined,
  key: "stripeCustomerIds" | "matomoUserIds",
  id: string,
): void {
  if (links !== undefined) links[key] = links[key].concat(id);
}

/** Customers whose metadata chose one company while another company stores their id. */
function findStripeConflicts(
  customers: readonly StripeCustomerRecord[],
  index: CompanyIndex,
): StripeConflict[] {
  return customers.flatMap((customer) => {
    const companyId = customer.hubspotCompanyId?.trim();
    if (!companyId || !index.byId.has(companyId)) return [];

    const storing = index.byStripeCustomerId.get(customer.customerId) ?? [];
    const alsoStoredOn = storing.filter((id) => id !== companyId);

    return alsoStoredOn.length > 0
      ? [{ customerId: customer.customerId, companyId, alsoStoredOn }]
      : [];
  });
}

/** The companies nothing of a source matched, with a hint where one is known. */
function listUnjoined(
  companies: readonly CompanyRecord[],
  links: ReadonlyMap<string, CompanyLinks>,
  liveCustomers: readonly StripeCustomerRecord[],
  isMatomoMatchable: (company: CompanyRecord) => boolean,
): Pick<JoinReport, "companiesWithoutStripe" | "companiesWithoutMatomo"> {
  const imported = new Set(liveCustomers.map((customer) => customer.customerId));
  const without = (key: "stripeCustomerIds" | "matomoUserIds") =>
    companies.filter((company) => (links.get(company.companyId)?.[key].length ?? 0) === 0);
  const entry = (company: CompanyRecord, note: string | undefined): UnjoinedCompany => ({
    companyId: company.companyId,
    name: company.name,
    note,
  });

  return {
    companiesWithoutStripe: without("stripeCustomerIds").map((company) =>
      entry(company, describeStoredStripeId(company.stripeCustomerId, imported)),
    ),
    companiesWithoutMatomo: without("matomoUserIds").map((company) =>
      entry(
        company,
        isMatomoMatchable(company)
          ? undefined
          : "has no domain of its own (none, free-mail or shared) to match e-mail user ids by",
      ),
    ),
  };
}

function describeStoredStripeId(
  stored: string | undefined,
  imported: ReadonlySet<string>,
): string | undefined {
  const id = stored?.trim();
  if (!id) return undefined;

  return imported.has(id)
    ? `stores Stripe customer ${id}, which another key gives elsewhere or which is ambiguous`
    : `stores Stripe customer ${id}, which was not imported`;
}

/** A domain that is the company's alone: shared or free-mail domains match no one. */
function hasOwnDomain(company: CompanyRecord, index: CompanyIndex): boolean {
  const domain = company.domain === undefined ? undefined : normalizeDomain(company.domain);

  return domain !== undefined && index.byDomain.get(domain)?.length === 1;
}

function describeUnattributed(visits: FactsInput["matomoVisitsInWindow"]) {
  return {
    count: visits.withoutUserId,
    total: visits.total,
    share: visits.total > 0 ? visits.withoutUserId / visits.total : undefined,
  };
}

function distinctSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
