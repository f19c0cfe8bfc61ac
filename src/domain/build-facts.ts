import type { CalendarDate } from "./dates.js";
import type { FactsInput } from "./facts-input.js";
import type { FactsSettings, SourcePreset } from "./facts-settings.js";
import type { CustomerFacts } from "./facts.js";
import { findStripeAccountStart } from "./find-stripe-account-start.js";
import { indexFactsInput, type FactsLookup } from "./index-facts-input.js";
import type { CompanyLinks, Join } from "./join-sources.js";
import { buildMatomoFacts } from "./matomo-facts.js";
import { decidePaymentState } from "./payment-state.js";
import { readHubspotOnlyFacts } from "./read-hubspot-only-facts.js";
import type { CompanyRecord, SourceName } from "./records.js";
import { describeSourceStatus, sourcesOfPreset, type SourceStatus } from "./source-status.js";

/** One customer's facts, with who owns it, what it was joined to and what to know about them. */
export interface CustomerFactsRow {
  facts: CustomerFacts;
  ownerId?: string | undefined;
  ownerName?: string | undefined;
  domain?: string | undefined;
  stripeCustomerIds: string[];
  matomoUserIds: string[];
  /** Sentences for the task's context: a failed payment's cause, why a fact is unknown. */
  notes: string[];
}

export interface FactsBuild {
  customers: CustomerFactsRow[];
  /** The sources the preset reads, with their age and whether their facts were used. */
  sources: SourceStatus[];
}

const NO_LINKS: CompanyLinks = { stripeCustomerIds: [], matomoUserIds: [], matomoMatchable: false };

/**
 * Builds every customer's facts as of `input.asOf`. Each source supplies its facts only when its
 * newest data is within its allowed age; a stale or missing source leaves them unknown, and its
 * status says so once rather than on every customer.
 */
export function buildFacts(input: FactsInput, join: Join, settings: FactsSettings): FactsBuild {
  const sources = sourcesOfPreset(settings.preset).map((source) =>
    describeSourceStatus(source, input.sources[source]?.newestDataAt, input.asOf, settings),
  );
  const fresh = new Set(sources.filter((status) => status.state === "fresh").map((s) => s.source));
  const lookup = indexFactsInput(input, settings.windows.usage_days);

  const customers = input.companies.map((company) =>
    buildRow(company, join.links.get(company.companyId) ?? NO_LINKS, {
      asOf: input.asOf,
      preset: settings.preset,
      fresh,
      lookup,
    }),
  );

  return { customers, sources };
}

interface RowContext {
  asOf: CalendarDate;
  preset: SourcePreset;
  fresh: ReadonlySet<SourceName>;
  lookup: FactsLookup;
}

function buildRow(
  company: CompanyRecord,
  links: CompanyLinks,
  context: RowContext,
): CustomerFactsRow {
  const row: CustomerFactsRow = {
    facts: { customerId: company.companyId, name: company.name },
    ownerId: company.ownerId,
    ownerName:
      company.ownerName ??
      (company.ownerId === undefined ? undefined : context.lookup.ownerNames.get(company.ownerId)),
    domain: company.domain,
    stripeCustomerIds: links.stripeCustomerIds,
    matomoUserIds: links.matomoUserIds,
    notes: [],
  };

  if (context.fresh.has("hubspot")) addHubspotFacts(row, company, context);
  if (context.preset === "three_sources") {
    if (context.fresh.has("stripe")) addStripeFacts(row, context);
    if (context.fresh.has("matomo")) addMatomoFacts(row, links, context);
  }

  return row;
}

function addHubspotFacts(row: CustomerFactsRow, company: CompanyRecord, context: RowContext): void {
  const { facts } = row;
  facts.plan = company.plan;
  facts.contractEndDate = company.contractEndDate;
  facts.accountStartDate = company.accountStartDate;

  if (context.preset === "hubspot_only") {
    Object.assign(facts, readHubspotOnlyFacts(company));
  } else {
    // The store has cut tickets to the window, so a company with none in it has a known zero.
    facts.supportTickets = context.lookup.ticketIdsByCompany.get(company.companyId)?.size ?? 0;
  }
}

function addStripeFacts(row: CustomerFactsRow, { asOf, lookup }: RowContext): void {
  const ids = row.stripeCustomerIds;
  if (ids.length === 0) {
    row.notes.push("Payment state unknown: no Stripe customer matches this company");
    return;
  }

  const account = {
    customers: ids.flatMap((id) => lookup.stripeCustomers.get(id) ?? []),
    subscriptions: ids.flatMap((id) => lookup.subscriptionsByCustomer.get(id) ?? []),
    openInvoices: ids.flatMap((id) => lookup.openInvoicesByCustomer.get(id) ?? []),
  };
  const payment = decidePaymentState(account, asOf);
  row.facts.paymentFailed = payment.failed;
  row.notes.push(...payment.notes);

  row.facts.accountStartDate ??= findStripeAccountStart(account.subscriptions);
}

function addMatomoFacts(row: CustomerFactsRow, links: CompanyLinks, { lookup }: RowContext): void {
  const ids = row.matomoUserIds;
  if (ids.length === 0 && !links.matomoMatchable) {
    row.notes.push("Usage unknown: no Matomo user id can name this company (no domain of its own)");
    return;
  }

  const users = {
    activity: ids.flatMap((id) => lookup.activityByUser.get(id) ?? []),
    aggregates: ids.flatMap((id) => lookup.newestAggregateByUser.get(id) ?? []),
  };
  const matomo = buildMatomoFacts(users, lookup.coverage);
  Object.assign(row.facts, matomo.facts);
  row.notes.push(...matomo.notes);

  if (ids.length === 0 && (matomo.facts.logins30d ?? matomo.facts.lastLogin) !== undefined) {
    row.notes.push("No Matomo user of this company was seen: the covered days count as no logins");
  }
}
