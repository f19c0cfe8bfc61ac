import type { CalendarDate } from "./dates.js";
import type {
  StripeCustomerRecord,
  StripeInvoiceRecord,
  StripeSubscriptionRecord,
  SubscriptionStatus,
} from "./records.js";

/** What Stripe knows of one company: its customers and their subscriptions and open invoices. */
export interface StripeAccount {
  customers: readonly StripeCustomerRecord[];
  subscriptions: readonly StripeSubscriptionRecord[];
  openInvoices: readonly StripeInvoiceRecord[];
}

export interface PaymentState {
  /** True: a payment failed; false: payment is current; undefined: Stripe cannot say. */
  failed: boolean | undefined;
  /** Sentences for the task's context: what failed, or why the state is unknown. */
  notes: string[];
}

const FAILED_STATUSES: readonly SubscriptionStatus[] = ["past_due", "unpaid"];
const CURRENT_STATUSES: readonly SubscriptionStatus[] = ["active", "trialing"];

/**
 * The payment state of a company's Stripe customers as of `asOf` (VENDOR-NOTES §2.4). Failed
 * when any subscription is `past_due` or `unpaid`, when an open invoice has money remaining after
 * a failed attempt or past its due date (Stripe has no overdue status: such an invoice just stays
 * open), or when Stripe marks a customer `delinquent`, which is its own verdict on the same
 * invoices and the only one left when the invoices were not imported. Current when none of that
 * holds and a subscription is `active` or `trialing`. Otherwise unknown: with only canceled,
 * incomplete, paused or no subscriptions there is no payment to be current on, and a customer
 * whose first payment never succeeded (`incomplete_expired`) never paid at all. Several Stripe
 * customers: failed if any failed.
 */
export function decidePaymentState(account: StripeAccount, asOf: CalendarDate): PaymentState {
  const failures = [
    ...account.subscriptions
      .filter((subscription) => FAILED_STATUSES.includes(subscription.status))
      .map(
        (subscription) => `subscription ${subscription.subscriptionId} is ${subscription.status}`,
      ),
    ...account.openInvoices.flatMap((invoice) => describeInvoiceFailure(invoice, asOf) ?? []),
    ...account.customers
      .filter((customer) => customer.delinquent === true)
      .map((customer) => `Stripe marks customer ${customer.customerId} delinquent`),
  ];
  if (failures.length > 0) {
    return { failed: true, notes: failures.map((failure) => `Payment failed: ${failure}`) };
  }
  if (
    account.subscriptions.some((subscription) => CURRENT_STATUSES.includes(subscription.status))
  ) {
    return { failed: false, notes: [] };
  }

  return { failed: undefined, notes: [describeNoCurrentSubscription(account)] };
}

function describeInvoiceFailure(
  invoice: StripeInvoiceRecord,
  asOf: CalendarDate,
): string | undefined {
  if (invoice.status !== "open" || invoice.amountRemaining <= 0) return undefined;

  if (invoice.attempted && invoice.attemptCount > 0) {
    const attempts =
      invoice.attemptCount === 1 ? "1 failed attempt" : `${invoice.attemptCount} failed attempts`;
    return `invoice ${invoice.invoiceId} is open with money remaining after ${attempts}`;
  }
  // Due on the evaluation date itself is not late yet: the customer has all of that day.
  if (invoice.dueDate !== undefined && invoice.dueDate < asOf) {
    return `invoice ${invoice.invoiceId} is open with money remaining, due ${invoice.dueDate}`;
  }

  return undefined;
}

function describeNoCurrentSubscription(account: StripeAccount): string {
  if (account.subscriptions.length === 0) {
    const ids = account.customers.map((customer) => customer.customerId);
    const who =
      ids.length === 1 ? `customer ${ids.join("")} has` : `customers ${ids.join(", ")} have`;
    return `Payment state unknown: Stripe ${who} no subscription`;
  }

  const statuses = account.subscriptions.map(
    ({ subscriptionId, status }) => `${subscriptionId} is ${status}${STATUS_GLOSS[status] ?? ""}`,
  );

  return `Payment state unknown: no active or trialing Stripe subscription; ${statuses.join("; ")}`;
}

const STATUS_GLOSS: Partial<Record<SubscriptionStatus, string>> = {
  incomplete: " (first payment not completed)",
  incomplete_expired: " (never a paying customer)",
  paused: " (trial ended without a payment method)",
};
