import type { CalendarDate } from "./dates.js";
import type {
  CompanyRecord,
  MatomoUserRecord,
  OwnerRecord,
  SourceName,
  StripeCustomerRecord,
  StripeInvoiceRecord,
  StripeSubscriptionRecord,
} from "./records.js";

/**
 * Everything the facts builder reads for one evaluation date, as the store loads it. Windows
 * end the day before `asOf`: a run on D sees the data of every full day up to D−1, so running
 * at 09:00 or at 17:00 gives the same answer.
 */
export interface FactsInput {
  asOf: CalendarDate;
  /**
   * The day Matomo's windows end before: the day after the newest covered day (or `asOf` when
   * nothing is covered). Usage is counted over the 30 days before it, so a weekly export gives
   * known counts all week; its age limits how long (sources.max_age_days.matomo).
   */
  matomoAsOf: CalendarDate;
  /** Companies that are not deleted: the customers. */
  companies: CompanyRecord[];
  owners: OwnerRecord[];
  /**
   * Tickets created in the ticket window (`asOf − windows.support_tickets_days` to `asOf − 1`),
   * each with the companies it belongs to, directly or through an association row.
   */
  recentTickets: { ticketId: string; companyIds: string[]; createdDate: CalendarDate }[];
  stripeCustomers: StripeCustomerRecord[];
  stripeSubscriptions: StripeSubscriptionRecord[];
  /** Invoices with status `open`: the only ones the payment state reads. */
  openInvoices: StripeInvoiceRecord[];
  /** Per Matomo user id seen in imported visits, what its logins and features were. */
  matomoActivity: MatomoUserActivity[];
  /** Per-user aggregates (a custom report or the seed's weekly export), taken as they are. */
  matomoUserAggregates: MatomoUserRecord[];
  /** Visits in the usage window (before `matomoAsOf`), and how many carried no user id. */
  matomoVisitsInWindow: { total: number; withoutUserId: number };
  /** Days before `asOf` that imported visit logs cover, ascending. */
  matomoCoveredDays: CalendarDate[];
  /** Per source, the newest data imported (Unix seconds), or undefined when none was. */
  sources: Record<SourceName, { newestDataAt?: number | undefined }>;
}

/** One Matomo user's activity before `asOf`, from the visits log. */
export interface MatomoUserActivity {
  userId: string;
  /** The newest login date before `matomoAsOf`, whenever it was. */
  lastLoginDate?: CalendarDate | undefined;
  /** Logins in the usage window (`matomoAsOf − windows.usage_days` to `matomoAsOf − 1`). */
  loginsInWindow: number;
  /** Distinct event actions under the feature category in the usage window. */
  featuresInWindow: string[];
}
