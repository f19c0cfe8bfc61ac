import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../domain/dates.js";
import type {
  CompanyRecord,
  MatomoVisitRecord,
  StripeCustomerRecord,
  StripeInvoiceRecord,
  StripeSubscriptionRecord,
  TicketRecord,
} from "../domain/records.js";

/**
 * The business the fake APIs serve, as csops's own records: the fakes render them in each
 * vendor's JSON, and a sync must turn that JSON back into the same records. Tests change it in
 * place (a company modified, a visit added) between syncs.
 */
export interface FakeBusiness {
  /** The team's zone: a record's calendar date is served as noon of that day there. */
  timeZone: string;
  /** The names of the custom company properties (csops's `import.hubspot.*`). */
  hubspotProperties: HubspotPropertyNames;
  owners: FakeOwner[];
  /** `ownerId` names an owner; `modifiedAt` (Unix s) is HubSpot's last-modified time. */
  companies: CompanyRecord[];
  tickets: FakeTicket[];
  stripeCustomers: StripeCustomerRecord[];
  subscriptions: StripeSubscriptionRecord[];
  invoices: StripeInvoiceRecord[];
  matomo: { siteId: number; timeZone: string; visits: MatomoVisitRecord[] };
}

export interface HubspotPropertyNames {
  plan: string;
  contractEnd: string;
  accountStart: string;
  stripeCustomer: string;
}

export const DEFAULT_PROPERTY_NAMES: HubspotPropertyNames = {
  plan: "plan",
  contractEnd: "contract_end_date",
  accountStart: "customer_since",
  stripeCustomer: "stripe_customer_id",
};

export interface FakeOwner {
  ownerId: string;
  firstName: string;
  lastName: string;
  email: string;
}

/** A ticket with every company it is associated with, and when HubSpot last modified it. */
export interface FakeTicket extends TicketRecord {
  companyIds: string[];
  /** Unix seconds. */
  modifiedAt: number;
}

/** A business with nothing in it, to fill in a test. */
export function createEmptyBusiness(timeZone = "Europe/London"): FakeBusiness {
  return {
    timeZone,
    hubspotProperties: DEFAULT_PROPERTY_NAMES,
    owners: [],
    companies: [],
    tickets: [],
    stripeCustomers: [],
    subscriptions: [],
    invoices: [],
    matomo: { siteId: 1, timeZone: "UTC", visits: [] },
  };
}

/**
 * Unix seconds at noon of `date` in `timeZone`: how the fakes serve a calendar date as an
 * instant. Noon is the same date in the team's zone whatever the daylight-saving rules.
 */
export function noonOf(date: CalendarDate, timeZone: string): number {
  const noon = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone, plainTime: "12:00" });

  return noon.epochMilliseconds / 1000;
}
