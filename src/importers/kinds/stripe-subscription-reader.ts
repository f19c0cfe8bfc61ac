import type { CalendarDate } from "../../domain/dates.js";
import type { SubscriptionStatus } from "../../domain/records.js";
import { choiceCell } from "../cell-value.js";
import type { KindReader } from "../preset-table.js";

export interface StripeSubscriptionFields {
  subscription_id: string;
  customer_id: string;
  status: SubscriptionStatus;
  start_date: CalendarDate;
  current_period_end: CalendarDate;
  cancel_at_period_end: boolean;
  canceled_at: number;
  created_at: number;
}

const STATUSES: SubscriptionStatus[] = [
  "trialing",
  "active",
  "incomplete",
  "incomplete_expired",
  "past_due",
  "unpaid",
  "canceled",
  "paused",
];

/** The API's statuses; the Dashboard may write them capitalised or with spaces (`Past due`). */
export const subscriptionStatusCell = choiceCell<SubscriptionStatus>(
  { ...Object.fromEntries(STATUSES.map((status) => [status, status])), cancelled: "canceled" },
  `a subscription status (${STATUSES.join(", ")})`,
);

export const stripeSubscriptionReader: KindReader<StripeSubscriptionFields> = {
  kind: "stripe_subscriptions",
  label: "Stripe subscriptions",
  valueRequired: ["subscription_id", "customer_id", "status"],
  start: () => ({
    build: ({ values }) => ({
      records: [
        {
          kind: "stripe_subscriptions",
          record: {
            subscriptionId: values.subscription_id ?? "",
            customerId: values.customer_id ?? "",
            status: values.status ?? "incomplete",
            startDate: values.start_date,
            currentPeriodEnd: values.current_period_end,
            cancelAtPeriodEnd: values.cancel_at_period_end,
            canceledAt: values.canceled_at,
            createdAt: values.created_at,
          },
        },
      ],
    }),
  }),
};
