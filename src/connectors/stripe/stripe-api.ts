/**
 * The Stripe calls csops makes, in its own words. Objects come back as Stripe's JSON, which the
 * importers' `readStripeObject` already reads in both API shapes; the SDK's types stay inside
 * the adapter. Lists are read to the end, page after page.
 */
export interface StripeApi {
  /** The Stripe-Version every request is sent with. */
  readonly pinnedVersion: string;
  /** The version Stripe said it answered with (its `Stripe-Version` header), once it answered. */
  answeredVersion(): string | undefined;
  listCustomers(): AsyncIterable<StripeObject>;
  /** Every subscription, canceled and ended ones included (`status=all`). */
  listSubscriptions(): AsyncIterable<StripeObject>;
  listInvoices(filter: { status?: "open"; createdSince?: number }): AsyncIterable<StripeObject>;
  /** One invoice; undefined when Stripe has no such invoice any more. */
  retrieveInvoice(invoiceId: string): Promise<StripeObject | undefined>;
}

/** A Stripe API object as JSON: `{"object": "invoice", "id": "in_…", …}`. */
export type StripeObject = Record<string, unknown>;
