import type { StripeChargeRecord } from "../../domain/records.js";
import { choiceCell } from "../cell-value.js";
import type { KindReader } from "../preset-table.js";

export interface StripeChargeFields {
  charge_id: string;
  customer_id: string;
  invoice_id: string;
  status: StripeChargeRecord["status"];
  created_at: number;
  failure_code: string;
}

/**
 * The API writes `succeeded`, `pending`, `failed`; Dashboard payment exports write `Paid`,
 * `Failed`, `Refunded`… A refunded or disputed charge did succeed; an uncaptured one is pending.
 */
export const chargeStatusCell = choiceCell<StripeChargeRecord["status"]>(
  {
    succeeded: "succeeded",
    paid: "succeeded",
    refunded: "succeeded",
    partially_refunded: "succeeded",
    disputed: "succeeded",
    pending: "pending",
    uncaptured: "pending",
    failed: "failed",
  },
  "a payment status (succeeded, pending or failed; Paid, Refunded, Uncaptured or Failed)",
);

export const stripeChargeReader: KindReader<StripeChargeFields> = {
  kind: "stripe_charges",
  label: "Stripe payments (charges)",
  valueRequired: ["charge_id", "status", "created_at"],
  start: () => ({
    build: ({ values }) => ({
      records: [
        {
          kind: "stripe_charges",
          record: {
            chargeId: values.charge_id ?? "",
            customerId: values.customer_id,
            invoiceId: values.invoice_id,
            status: values.status ?? "pending",
            createdAt: values.created_at ?? 0,
            failureCode: values.failure_code,
          },
        },
      ],
    }),
  }),
};
