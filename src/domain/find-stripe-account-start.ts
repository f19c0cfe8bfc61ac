import type { CalendarDate } from "./dates.js";
import type { StripeSubscriptionRecord, SubscriptionStatus } from "./records.js";

/** Statuses of a subscription whose first payment never went through: not a customer yet. */
const NEVER_PAID: readonly SubscriptionStatus[] = ["incomplete", "incomplete_expired"];

/**
 * When a company became a customer according to Stripe: the earliest start of its
 * subscriptions that ever went past the first payment. The fallback when HubSpot has no
 * account start date.
 */
export function findStripeAccountStart(
  subscriptions: readonly StripeSubscriptionRecord[],
): CalendarDate | undefined {
  return subscriptions
    .filter((subscription) => !NEVER_PAID.includes(subscription.status))
    .flatMap((subscription) => subscription.startDate ?? [])
    .sort()
    .at(0);
}
