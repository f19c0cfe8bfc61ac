import type { InvoiceStatus } from "../../domain/records.js";
import { booleanCell, countCell, idCell, textCell, type CellParser } from "../cell-value.js";
import { decimalCell } from "../decimal-cell.js";
import type { ImportSettings } from "../import-settings.js";
import { chargeStatusCell, stripeChargeReader } from "../kinds/stripe-charge-reader.js";
import { stripeCustomerReader } from "../kinds/stripe-customer-reader.js";
import { invoiceStatusCell, stripeInvoiceReader } from "../kinds/stripe-invoice-reader.js";
import {
  stripeSubscriptionReader,
  subscriptionStatusCell,
} from "../kinds/stripe-subscription-reader.js";
import { definePresetTable, type AnyPresetTable } from "../preset-table.js";
import { instantCell, instantDateCell } from "../time-cell.js";

/** Warehouse syncs keep a customer's metadata as a JSON string: `{"hubspot_company_id":"…"}`. */
function metadataValueCell(key: string): CellParser<string | undefined> {
  return (text) => {
    let metadata: unknown;
    try {
      metadata = JSON.parse(text);
    } catch {
      return { expected: "the metadata as a JSON object" };
    }
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
      return { expected: "the metadata as a JSON object" };
    }
    const value = (metadata as Record<string, unknown>)[key];
    if (value === undefined || value === null || value === "") return { value: undefined };

    return idCell(String(value));
  };
}

/** A Dashboard "Past due" invoice is an open one past its due date: Stripe has no such status. */
const dashboardInvoiceStatusCell: CellParser<InvoiceStatus> = (text) =>
  /^past[\s_-]?due$/i.test(text) ? { value: "open" } : invoiceStatusCell(text);

/**
 * Stripe in two file shapes: Dashboard exports (capitalised headers with `(UTC)`, amounts in
 * major units, metadata as `<key> (metadata)` columns) and warehouse tables (the API's field
 * names, minor units, TRUE/FALSE, metadata as a JSON string). Both write times as UTC text.
 */
export function stripePresetTables(settings: ImportSettings): AnyPresetTable[] {
  const { team, utc, stripeMetadataKey: key } = settings;
  const utcInstant = instantCell(utc);
  const utcDate = instantDateCell(utc, team);

  return [
    definePresetTable({
      preset: "stripe_dashboard",
      reader: stripeCustomerReader,
      fields: {
        customer_id: { headers: ["id"], required: true, parse: idCell },
        email: { headers: ["Email"], parse: textCell },
        name: { headers: ["Name"], parse: textCell },
        hubspot_company_id: { headers: [`${key} (metadata)`], parse: idCell },
        created_at: { headers: ["Created (UTC)"], parse: utcInstant },
        delinquent: { headers: ["Delinquent"], parse: booleanCell },
      },
      oneOf: [["email", "created_at"]],
      signature: ["Description", "Card ID", "Account Balance", "Total Spend", "Payment Count"],
      excludedBy: ["Customer ID", "Customer", "Amount Due", "Current Period End (UTC)"],
    }),
    definePresetTable({
      preset: "stripe_dashboard",
      reader: stripeSubscriptionReader,
      fields: {
        subscription_id: { headers: ["id"], required: true, parse: idCell },
        customer_id: { headers: ["Customer ID", "Customer"], required: true, parse: idCell },
        status: { headers: ["Status"], required: true, parse: subscriptionStatusCell },
        start_date: { headers: ["Start Date (UTC)", "Start (UTC)"], parse: utcDate },
        current_period_end: { headers: ["Current Period End (UTC)"], parse: utcDate },
        cancel_at_period_end: { headers: ["Cancel At Period End"], parse: booleanCell },
        canceled_at: { headers: ["Canceled At (UTC)"], parse: utcInstant },
        created_at: { headers: ["Created (UTC)"], parse: utcInstant },
      },
      oneOf: [["current_period_end", "start_date", "cancel_at_period_end"]],
      signature: ["Customer Email", "Plan", "Product", "Quantity", "Interval", "Amount"],
      excludedBy: ["Amount Due", "Number"],
    }),
    definePresetTable({
      preset: "stripe_dashboard",
      reader: stripeInvoiceReader,
      fields: {
        invoice_id: { headers: ["id"], required: true, parse: idCell },
        customer_id: { headers: ["Customer", "Customer ID"], required: true, parse: idCell },
        subscription_id: { headers: ["Subscription", "Subscription ID"], parse: idCell },
        status: { headers: ["Status"], required: true, parse: dashboardInvoiceStatusCell },
        amount_remaining_major: {
          headers: ["Amount Remaining"],
          required: true,
          parse: decimalCell,
        },
        currency: { headers: ["Currency"], parse: textCell },
        attempted: { headers: ["Attempted"], required: true, parse: booleanCell },
        attempt_count: { headers: ["Attempt Count"], required: true, parse: countCell },
        due_date: { headers: ["Due Date (UTC)"], parse: utcDate },
        created_at: { headers: ["Date (UTC)", "Created (UTC)"], required: true, parse: utcInstant },
      },
      signature: ["Number", "Customer Email", "Amount Due", "Amount Paid"],
    }),
    definePresetTable({
      preset: "stripe_dashboard",
      reader: stripeChargeReader,
      fields: {
        charge_id: { headers: ["id"], required: true, parse: idCell },
        created_at: {
          headers: ["Created date (UTC)", "Created (UTC)", "created"],
          required: true,
          parse: utcInstant,
        },
        status: { headers: ["Status"], required: true, parse: chargeStatusCell },
        customer_id: { headers: ["Customer ID", "customer_id"], parse: idCell },
        invoice_id: { headers: ["Invoice ID", "invoice_id"], parse: idCell },
        failure_code: { headers: ["Decline Reason", "Failure Code"], parse: textCell },
      },
      signatureOneOf: ["Amount", "Converted Amount", "Seller Message", "PaymentIntent ID", "fee"],
      signature: ["Amount Refunded", "Captured", "Card ID", "Customer Email", "converted_amount"],
      excludedBy: ["Amount Due", "Current Period End (UTC)", "Interval", "_fivetran_synced"],
    }),
    definePresetTable({
      preset: "stripe_warehouse",
      reader: stripeCustomerReader,
      fields: {
        customer_id: { headers: ["id"], required: true, parse: idCell },
        email: { headers: ["email"], parse: textCell },
        name: { headers: ["name"], parse: textCell },
        hubspot_company_id: { headers: ["metadata"], parse: metadataValueCell(key) },
        created_at: { headers: ["created"], required: true, parse: utcInstant },
        delinquent: { headers: ["delinquent"], parse: booleanCell },
        is_deleted: { headers: ["is_deleted", "deleted", "_fivetran_deleted"], parse: booleanCell },
      },
      signatureOneOf: ["delinquent", "invoice_prefix", "tax_exempt", "email"],
      signature: ["_fivetran_synced", "livemode", "account_balance", "balance"],
      excludedBy: ["customer_id", "customer", "status"],
    }),
    definePresetTable({
      preset: "stripe_warehouse",
      reader: stripeSubscriptionReader,
      fields: {
        subscription_id: { headers: ["id"], required: true, parse: idCell },
        customer_id: { headers: ["customer_id", "customer"], required: true, parse: idCell },
        status: { headers: ["status"], required: true, parse: subscriptionStatusCell },
        start_date: { headers: ["start_date"], parse: utcDate },
        current_period_end: { headers: ["current_period_end"], parse: utcDate },
        cancel_at_period_end: { headers: ["cancel_at_period_end"], parse: booleanCell },
        canceled_at: { headers: ["canceled_at"], parse: utcInstant },
        created_at: { headers: ["created"], parse: utcInstant },
      },
      oneOf: [["current_period_end", "start_date", "cancel_at_period_end"]],
      signature: ["_fivetran_synced", "billing_cycle_anchor", "days_until_due", "trial_end"],
      excludedBy: ["amount", "amount_due", "paid", "failure_code"],
    }),
    definePresetTable({
      preset: "stripe_warehouse",
      reader: stripeInvoiceReader,
      fields: {
        invoice_id: { headers: ["id"], required: true, parse: idCell },
        customer_id: { headers: ["customer_id", "customer"], required: true, parse: idCell },
        subscription_id: { headers: ["subscription_id", "subscription"], parse: idCell },
        status: { headers: ["status"], required: true, parse: invoiceStatusCell },
        amount_remaining: { headers: ["amount_remaining"], required: true, parse: countCell },
        attempted: { headers: ["attempted"], required: true, parse: booleanCell },
        attempt_count: { headers: ["attempt_count"], required: true, parse: countCell },
        due_date: { headers: ["due_date"], parse: utcDate },
        created_at: { headers: ["created"], required: true, parse: utcInstant },
      },
      signature: ["_fivetran_synced", "amount_due", "amount_paid", "number"],
      excludedBy: ["current_period_end", "failure_code"],
    }),
    definePresetTable({
      preset: "stripe_warehouse",
      reader: stripeChargeReader,
      fields: {
        charge_id: { headers: ["id"], required: true, parse: idCell },
        created_at: { headers: ["created"], required: true, parse: utcInstant },
        status: { headers: ["status"], required: true, parse: chargeStatusCell },
        customer_id: { headers: ["customer_id", "customer"], parse: idCell },
        invoice_id: { headers: ["invoice_id", "invoice"], parse: idCell },
        failure_code: { headers: ["failure_code"], parse: textCell },
      },
      signatureOneOf: ["paid", "captured", "outcome_type", "amount_refunded", "failure_code"],
      signature: ["_fivetran_synced", "balance_transaction_id", "livemode", "amount"],
      excludedBy: ["amount_due", "current_period_end", "seller_message", "converted_amount"],
    }),
  ];
}
