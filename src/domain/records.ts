import type { CalendarDate } from "./dates.js";

/**
 * The records csops keeps from each source, after import has converted them once: ids are
 * text, calendar dates are `YYYY-MM-DD` in the team's time zone, instants are Unix seconds
 * (UTC), money is in minor units. File readers and API connectors both produce these; storage
 * keeps them; the facts builder reads them. Absent optional fields are unknown.
 */

/** Every kind of record csops imports, one per file (or API listing). */
export const SOURCE_KINDS = [
  "hubspot_companies",
  "hubspot_tickets",
  "hubspot_ticket_companies",
  "hubspot_owners",
  "stripe_customers",
  "stripe_subscriptions",
  "stripe_invoices",
  "stripe_charges",
  "matomo_visits",
  "matomo_users",
] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];
export type SourceName = "hubspot" | "stripe" | "matomo";

export function sourceOfKind(kind: SourceKind): SourceName {
  return kind.slice(0, kind.indexOf("_")) as SourceName;
}

/** A HubSpot company: the customer. */
export interface CompanyRecord {
  companyId: string;
  name: string;
  /** Lower-cased, `www.` stripped. */
  domain?: string | undefined;
  ownerId?: string | undefined;
  /** UI exports name the owner instead of giving the id. */
  ownerName?: string | undefined;
  plan?: string | undefined;
  contractEndDate?: CalendarDate | undefined;
  /** The date the company became a customer (a configurable property). */
  accountStartDate?: CalendarDate | undefined;
  /** A Stripe customer id stored on the company, when the team keeps one. */
  stripeCustomerId?: string | undefined;
  isDeleted?: boolean | undefined;
  modifiedAt?: number | undefined;
  /**
   * The seed's HubSpot-only flow carries every fact as a company property: Stripe's payment
   * status synced in by HubSpot's integration, Matomo's weekly numbers imported by hand.
   */
  ticketCount?: number | undefined;
  paymentFailed?: boolean | undefined;
  lastLoginDate?: CalendarDate | "never" | undefined;
  logins30d?: number | undefined;
  featuresUsed30d?: number | undefined;
}

export interface TicketRecord {
  ticketId: string;
  /** Set when the export carries the association; else it comes from a ticket-company file. */
  companyId?: string | undefined;
  createdDate: CalendarDate;
  closedDate?: CalendarDate | undefined;
  isDeleted?: boolean | undefined;
}

/** One ticket-to-company association, as warehouse syncs land them in a table of their own. */
export interface TicketCompanyRecord {
  ticketId: string;
  companyId: string;
}

export interface OwnerRecord {
  ownerId: string;
  name: string;
  email?: string | undefined;
}

export interface StripeCustomerRecord {
  customerId: string;
  email?: string | undefined;
  name?: string | undefined;
  /** From the customer's metadata (key configurable, default `hubspot_company_id`). */
  hubspotCompanyId?: string | undefined;
  createdAt?: number | undefined;
  delinquent?: boolean | undefined;
  isDeleted?: boolean | undefined;
}

export type SubscriptionStatus =
  | "trialing"
  | "active"
  | "incomplete"
  | "incomplete_expired"
  | "past_due"
  | "unpaid"
  | "canceled"
  | "paused";

export interface StripeSubscriptionRecord {
  subscriptionId: string;
  customerId: string;
  status: SubscriptionStatus;
  startDate?: CalendarDate | undefined;
  /** Top level before API version 2025-03-31; the latest item's end after it. */
  currentPeriodEnd?: CalendarDate | undefined;
  cancelAtPeriodEnd?: boolean | undefined;
  canceledAt?: number | undefined;
  createdAt?: number | undefined;
}

export type InvoiceStatus = "draft" | "open" | "paid" | "uncollectible" | "void";

export interface StripeInvoiceRecord {
  invoiceId: string;
  customerId: string;
  subscriptionId?: string | undefined;
  status: InvoiceStatus;
  /** Minor units. */
  amountRemaining: number;
  attempted: boolean;
  attemptCount: number;
  dueDate?: CalendarDate | undefined;
  createdAt: number;
}

export interface StripeChargeRecord {
  chargeId: string;
  customerId?: string | undefined;
  invoiceId?: string | undefined;
  status: "succeeded" | "pending" | "failed";
  createdAt: number;
  failureCode?: string | undefined;
}

/** One Matomo visit (`Live.getLastVisitsDetails`), with the events it carried. */
export interface MatomoVisitRecord {
  /** `idSite:idVisit`: idVisit is unique per Matomo instance, the site keeps ids apart. */
  visitId: string;
  userId?: string | undefined;
  /** The visit's true Unix timestamp (`lastActionTimestamp`/`serverTimestamp`). */
  visitedAt: number;
  /** `visitedAt` as a calendar date in the team's time zone. */
  visitDate: CalendarDate;
  events: { category: string; action: string; name?: string | undefined }[];
}

/** Per-user aggregates (a custom report or the seed's weekly export), taken as they are. */
export interface MatomoUserRecord {
  userId: string;
  /** The date the aggregates were exported: their 30 days end the day before it. */
  exportedOn: CalendarDate;
  lastLoginDate?: CalendarDate | "never" | undefined;
  logins30d?: number | undefined;
  featuresUsed30d?: number | undefined;
}

export interface RecordOfKind {
  hubspot_companies: CompanyRecord;
  hubspot_tickets: TicketRecord;
  hubspot_ticket_companies: TicketCompanyRecord;
  hubspot_owners: OwnerRecord;
  stripe_customers: StripeCustomerRecord;
  stripe_subscriptions: StripeSubscriptionRecord;
  stripe_invoices: StripeInvoiceRecord;
  stripe_charges: StripeChargeRecord;
  matomo_visits: MatomoVisitRecord;
  matomo_users: MatomoUserRecord;
}
