import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { dateInZone } from "./date-in-zone.js";
import { decidePaymentState, type StripeAccount } from "./payment-state.js";
import type {
  StripeInvoiceRecord,
  StripeSubscriptionRecord,
  SubscriptionStatus,
} from "./records.js";

const AS_OF = "2026-12-03";

function subscription(status: SubscriptionStatus, id = `sub_${status}`): StripeSubscriptionRecord {
  return { subscriptionId: id, customerId: "cus_1", status, startDate: "2025-01-15" };
}

function openInvoice(fields: Partial<StripeInvoiceRecord>): StripeInvoiceRecord {
  return {
    invoiceId: "in_1",
    customerId: "cus_1",
    status: "open",
    amountRemaining: 4900,
    attempted: false,
    attemptCount: 0,
    createdAt: 1_764_000_000,
    ...fields,
  };
}

function account(fields: Partial<StripeAccount>): StripeAccount {
  return { customers: [{ customerId: "cus_1" }], subscriptions: [], openInvoices: [], ...fields };
}

describe("decidePaymentState", () => {
  it.each<[string, Partial<StripeAccount>, boolean | undefined]>([
    ["active", { subscriptions: [subscription("active")] }, false],
    ["trialing", { subscriptions: [subscription("trialing")] }, false],
    ["past_due", { subscriptions: [subscription("past_due")] }, true],
    ["unpaid", { subscriptions: [subscription("unpaid")] }, true],
    [
      "past_due beside an active one",
      { subscriptions: [subscription("active"), subscription("past_due")] },
      true,
    ],
    ["canceled only", { subscriptions: [subscription("canceled")] }, undefined],
    ["incomplete only", { subscriptions: [subscription("incomplete")] }, undefined],
    ["incomplete_expired only", { subscriptions: [subscription("incomplete_expired")] }, undefined],
    ["paused only", { subscriptions: [subscription("paused")] }, undefined],
    ["no subscription", {}, undefined],
    [
      "active beside a canceled one",
      { subscriptions: [subscription("canceled"), subscription("active")] },
      false,
    ],
    [
      "an open invoice attempted and failed",
      {
        subscriptions: [subscription("active")],
        openInvoices: [openInvoice({ attempted: true, attemptCount: 1 })],
      },
      true,
    ],
    [
      "an open invoice past its due date, never attempted (send_invoice)",
      {
        subscriptions: [subscription("active")],
        openInvoices: [openInvoice({ dueDate: "2026-12-02" })],
      },
      true,
    ],
    [
      "an open invoice due on the evaluation date",
      { subscriptions: [subscription("active")], openInvoices: [openInvoice({ dueDate: AS_OF })] },
      false,
    ],
    [
      "an open invoice not yet attempted, due later",
      {
        subscriptions: [subscription("active")],
        openInvoices: [openInvoice({ dueDate: "2026-12-20" })],
      },
      false,
    ],
    [
      "an open invoice marked attempted with no attempt counted",
      {
        subscriptions: [subscription("active")],
        openInvoices: [openInvoice({ attempted: true, attemptCount: 0 })],
      },
      false,
    ],
    [
      "an open invoice with nothing left to pay",
      {
        subscriptions: [subscription("active")],
        openInvoices: [
          openInvoice({
            amountRemaining: 0,
            attempted: true,
            attemptCount: 2,
            dueDate: "2026-11-01",
          }),
        ],
      },
      false,
    ],
    [
      // A charge failed, the retry went through: the invoice is paid, the failure is history.
      "a paid invoice after a failed attempt",
      {
        subscriptions: [subscription("active")],
        openInvoices: [
          openInvoice({ status: "paid", amountRemaining: 0, attempted: true, attemptCount: 2 }),
        ],
      },
      false,
    ],
    [
      "an overdue open invoice of a customer with only canceled subscriptions",
      {
        subscriptions: [subscription("canceled")],
        openInvoices: [openInvoice({ dueDate: "2026-11-01" })],
      },
      true,
    ],
    [
      "a delinquent customer with no subscription",
      { customers: [{ customerId: "cus_1", delinquent: true }] },
      true,
    ],
    [
      "a customer Stripe says is not delinquent, with no subscription",
      { customers: [{ customerId: "cus_1", delinquent: false }] },
      undefined,
    ],
    [
      "a delinquent customer with an active subscription",
      {
        customers: [{ customerId: "cus_1", delinquent: true }],
        subscriptions: [subscription("active")],
      },
      true,
    ],
  ])("%s", (_, fields, failed) => {
    expect(decidePaymentState(account(fields), AS_OF).failed).toBe(failed);
  });

  it("fails when any of several Stripe customers failed", () => {
    const state = decidePaymentState(
      {
        customers: [{ customerId: "cus_1" }, { customerId: "cus_2" }],
        subscriptions: [
          { ...subscription("active"), customerId: "cus_1" },
          { ...subscription("past_due"), customerId: "cus_2" },
        ],
        openInvoices: [],
      },
      AS_OF,
    );

    expect(state).toEqual({
      failed: true,
      notes: ["Payment failed: subscription sub_past_due is past_due"],
    });
  });

  it("is current when one of several customers is active and the other has only ended ones", () => {
    const state = decidePaymentState(
      account({
        customers: [{ customerId: "cus_1" }, { customerId: "cus_2" }],
        subscriptions: [
          subscription("active"),
          { ...subscription("incomplete_expired"), customerId: "cus_2" },
        ],
      }),
      AS_OF,
    );

    expect(state).toEqual({ failed: false, notes: [] });
  });

  it.each([
    [
      { openInvoices: [openInvoice({ attempted: true, attemptCount: 3 })] },
      "Payment failed: invoice in_1 is open with money remaining after 3 failed attempts",
    ],
    [
      { openInvoices: [openInvoice({ dueDate: "2026-11-20" })] },
      "Payment failed: invoice in_1 is open with money remaining, due 2026-11-20",
    ],
    [{}, "Payment state unknown: Stripe customer cus_1 has no subscription"],
    [
      { subscriptions: [subscription("canceled"), subscription("incomplete_expired")] },
      "Payment state unknown: no active or trialing Stripe subscription; sub_canceled is canceled; " +
        "sub_incomplete_expired is incomplete_expired (never a paying customer)",
    ],
  ])("says why: %j", (fields, note) => {
    expect(decidePaymentState(account(fields), AS_OF).notes).toEqual([note]);
  });
});

const formats = fileURLToPath(
  new URL("../../../shared/formats/stripe/pre-2025-03-31/", import.meta.url),
);

describe.skipIf(!existsSync(formats))("decidePaymentState on dj-stripe's sample objects", () => {
  it("reads an active subscription with its paid, once-attempted invoice as current", () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(`${formats}${file}`, "utf8")) as Record<string, unknown>;
    const sub = read("subscription_sub_fakefakefakefakefake0001.json");
    const invoice = read("invoice_in_fakefakefakefakefake0001.json");

    const state = decidePaymentState(
      {
        customers: [{ customerId: String(sub["customer"]) }],
        subscriptions: [
          {
            subscriptionId: String(sub["id"]),
            customerId: String(sub["customer"]),
            status: sub["status"] as SubscriptionStatus,
            startDate: dateInZone(Number(sub["start_date"]), "UTC"),
          },
        ],
        openInvoices: [
          {
            invoiceId: String(invoice["id"]),
            customerId: String(invoice["customer"]),
            status: invoice["status"] as StripeInvoiceRecord["status"],
            amountRemaining: Number(invoice["amount_remaining"]),
            attempted: invoice["attempted"] === true,
            attemptCount: Number(invoice["attempt_count"]),
            createdAt: Number(invoice["created"]),
          },
        ],
      },
      "2019-06-10",
    );

    expect(invoice).toMatchObject({ status: "paid", attempted: true, attempt_count: 1 });
    expect(state).toEqual({ failed: false, notes: [] });
  });
});
