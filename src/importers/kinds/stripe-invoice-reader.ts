import type { CalendarDate } from "../../domain/dates.js";
import type { InvoiceStatus } from "../../domain/records.js";
import { choiceCell } from "../cell-value.js";
import { toMinorUnits, type Decimal } from "../decimal-cell.js";
import type { KindReader } from "../preset-table.js";

export interface StripeInvoiceFields {
  invoice_id: string;
  customer_id: string;
  subscription_id: string;
  status: InvoiceStatus;
  /** Dashboard exports write amounts in major units; the currency says how many decimals. */
  amount_remaining_major: Decimal;
  currency: string;
  /** Warehouse tables and the API keep minor units. */
  amount_remaining: number;
  attempted: boolean;
  attempt_count: number;
  due_date: CalendarDate;
  created_at: number;
}

const STATUSES: InvoiceStatus[] = ["draft", "open", "paid", "uncollectible", "void"];

export const invoiceStatusCell = choiceCell<InvoiceStatus>(
  Object.fromEntries(STATUSES.map((status) => [status, status])),
  `an invoice status (${STATUSES.join(", ")})`,
);

export const stripeInvoiceReader: KindReader<StripeInvoiceFields> = {
  kind: "stripe_invoices",
  label: "Stripe invoices",
  valueRequired: [
    "invoice_id",
    "customer_id",
    "status",
    "attempted",
    "attempt_count",
    "created_at",
  ],
  start: () => ({
    build: ({ values, headerOf }) => {
      let amountRemaining = values.amount_remaining;
      if (amountRemaining === undefined && values.amount_remaining_major !== undefined) {
        const minor = toMinorUnits(values.amount_remaining_major, values.currency);
        if ("expected" in minor) {
          const column = headerOf("amount_remaining_major");
          return { problems: [{ column, message: `expected ${minor.expected}` }] };
        }
        amountRemaining = minor.value;
      }
      if (amountRemaining === undefined) {
        const column = headerOf("amount_remaining_major");
        return { problems: [{ column, value: "", message: "expected a value" }] };
      }

      return {
        records: [
          {
            kind: "stripe_invoices",
            record: {
              invoiceId: values.invoice_id ?? "",
              customerId: values.customer_id ?? "",
              subscriptionId: values.subscription_id,
              status: values.status ?? "draft",
              amountRemaining,
              attempted: values.attempted ?? false,
              attemptCount: values.attempt_count ?? 0,
              dueDate: values.due_date,
              createdAt: values.created_at ?? 0,
            },
          },
        ],
      };
    },
  }),
};
