import type { SourceKind } from "../../domain/records.js";
import type { ImportSettings } from "../../importers/import-settings.js";
import { readStripeObject, type StripeObjectType } from "../../importers/read-stripe-object.js";
import type { FetchedListing, ListingSpool, ListingWriter } from "../create-listing-spool.js";
import type { StripeApi, StripeObject } from "./stripe-api.js";

export interface StripeFetch {
  api: StripeApi;
  settings: ImportSettings;
  spool: ListingSpool;
  /** Unix seconds when the sync started: the data's as-of time. */
  startedAt: number;
  /** Besides every open invoice, those created this many days back. */
  invoiceLookbackDays: number;
  /** Invoices the store holds as open: one Stripe no longer lists as open is read again. */
  storedOpenInvoiceIds: readonly string[];
}

export const STRIPE_LISTINGS = {
  customers: "api:stripe/customers",
  subscriptions: "api:stripe/subscriptions",
  invoices: "api:stripe/invoices",
} as const;

/**
 * Fetches Stripe's customers, every subscription (canceled ones included) and the invoices the
 * payment state depends on: every open one, the recent ones (so one paid since the last sync is
 * seen paid), and any the store still holds as open that Stripe lists as open no more. The
 * preset names the API version Stripe answered with, so the import log records it.
 */
export async function fetchStripe(fetch: StripeFetch): Promise<FetchedListing[]> {
  const { api } = fetch;
  const start = (name: string, kind: SourceKind) =>
    fetch.spool.start({ name, kind, preset: "stripe_api" });
  const add = (writer: ListingWriter, type: StripeObjectType, object: StripeObject) => {
    const read = readStripeObject(type, object, fetch.settings);
    return writer.add("problems" in read ? read : { records: [read.record] });
  };

  const customers = start(STRIPE_LISTINGS.customers, "stripe_customers");
  for await (const customer of api.listCustomers()) await add(customers, "customer", customer);

  const subscriptions = start(STRIPE_LISTINGS.subscriptions, "stripe_subscriptions");
  for await (const subscription of api.listSubscriptions()) {
    await add(subscriptions, "subscription", subscription);
  }

  const invoices = start(STRIPE_LISTINGS.invoices, "stripe_invoices");
  const seen = new Set<string>();
  const addInvoice = async (invoice: StripeObject) => {
    const id = String(invoice.id);
    if (seen.has(id)) return;
    seen.add(id);
    await add(invoices, "invoice", invoice);
  };
  for await (const invoice of api.listInvoices({ status: "open" })) await addInvoice(invoice);
  const createdSince = fetch.startedAt - fetch.invoiceLookbackDays * 86_400;
  for await (const invoice of api.listInvoices({ createdSince })) await addInvoice(invoice);
  for (const id of fetch.storedOpenInvoiceIds.filter((stored) => !seen.has(stored))) {
    const invoice = await api.retrieveInvoice(id);
    if (invoice !== undefined) await addInvoice(invoice);
  }

  const preset = `stripe_api@${api.answeredVersion() ?? api.pinnedVersion}`;
  const asOf = { dataAsOf: fetch.startedAt };
  const listings = [
    await customers.finish(asOf),
    await subscriptions.finish(asOf),
    await invoices.finish(asOf),
  ];

  return listings.map((listing) => ({ ...listing, preset }));
}
