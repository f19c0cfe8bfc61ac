import type { FactsInput, MatomoUserActivity } from "./facts-input.js";
import { describeLoginCoverage, type LoginCoverage } from "./login-coverage.js";
import type {
  MatomoUserRecord,
  StripeCustomerRecord,
  StripeInvoiceRecord,
  StripeSubscriptionRecord,
} from "./records.js";

/** The facts input, grouped once by the keys each customer's facts are looked up by. */
export interface FactsLookup {
  ownerNames: ReadonlyMap<string, string>;
  ticketIdsByCompany: ReadonlyMap<string, ReadonlySet<string>>;
  stripeCustomers: ReadonlyMap<string, StripeCustomerRecord>;
  subscriptionsByCustomer: ReadonlyMap<string, StripeSubscriptionRecord[]>;
  openInvoicesByCustomer: ReadonlyMap<string, StripeInvoiceRecord[]>;
  activityByUser: ReadonlyMap<string, MatomoUserActivity>;
  /** Each user's newest aggregates row: an older export says less about today. */
  newestAggregateByUser: ReadonlyMap<string, MatomoUserRecord>;
  coverage: LoginCoverage;
}

export function indexFactsInput(input: FactsInput, usageDays: number): FactsLookup {
  const ticketIdsByCompany = new Map<string, Set<string>>();
  for (const ticket of input.recentTickets) {
    for (const companyId of ticket.companyIds) {
      const ids = ticketIdsByCompany.get(companyId) ?? new Set<string>();
      ticketIdsByCompany.set(companyId, ids.add(ticket.ticketId));
    }
  }

  const newestAggregateByUser = new Map<string, MatomoUserRecord>();
  for (const row of input.matomoUserAggregates) {
    const known = newestAggregateByUser.get(row.userId);
    if (known === undefined || row.exportedOn > known.exportedOn) {
      newestAggregateByUser.set(row.userId, row);
    }
  }

  return {
    ownerNames: new Map(input.owners.map((owner) => [owner.ownerId, owner.name])),
    ticketIdsByCompany,
    stripeCustomers: new Map(
      input.stripeCustomers.map((customer) => [customer.customerId, customer]),
    ),
    subscriptionsByCustomer: groupBy(input.stripeSubscriptions, (row) => row.customerId),
    openInvoicesByCustomer: groupBy(input.openInvoices, (row) => row.customerId),
    activityByUser: new Map(input.matomoActivity.map((activity) => [activity.userId, activity])),
    newestAggregateByUser,
    coverage: describeLoginCoverage(input.matomoCoveredDays, input.matomoAsOf, usageDays),
  };
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group === undefined) groups.set(keyOf(row), [row]);
    else group.push(row);
  }

  return groups;
}
