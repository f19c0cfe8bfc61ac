import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { configSchema } from "../../config/config-schema.js";
import { collectExportRows } from "../collect-export-rows.js";
import { openExportOrFail } from "../open-export.js";

const fixtures = fileURLToPath(new URL("../../../test/fixtures/importers/", import.meta.url));

async function read(name: string, settings: object = {}) {
  const config = configSchema.parse(settings);
  const opened = await openExportOrFail(fixtures + name, { config });

  return { opened, ...(await collectExportRows(opened)) };
}

describe("preset stripe_dashboard", () => {
  it("reads customers with the HubSpot id from the configured metadata column", async () => {
    const { opened, records, rejected } = await read("stripe-customers.csv");

    expect([opened.kind, opened.preset]).toEqual(["stripe_customers", "stripe_dashboard"]);
    expect(records.map((row) => row.record)).toEqual([
      {
        customerId: "cus_Q1derras",
        email: "accounts@derras-realestate.co.uk",
        name: "Derras Real Estate",
        hubspotCompanyId: "18734299351",
        createdAt: Date.UTC(2024, 2, 1, 10, 42) / 1000,
        delinquent: false,
        isDeleted: undefined,
      },
      expect.objectContaining({
        customerId: "cus_Q2harbour",
        hubspotCompanyId: undefined,
        delinquent: true,
      }),
    ]);
    expect(rejected).toEqual([
      {
        line: 4,
        problems: [
          expect.objectContaining({
            column: "hubspot_company_id (metadata)",
            value: "1.87343E+10",
          }),
        ],
      },
    ]);
  });

  it("reads subscriptions, with period ends as dates in the team's zone", async () => {
    const { records, rejected } = await read("stripe-subscriptions.csv", {
      time_zone: "America/Los_Angeles",
    });

    expect(records.map((row) => row.record)).toEqual([
      {
        subscriptionId: "sub_Q1derras",
        customerId: "cus_Q1derras",
        status: "active",
        startDate: "2024-03-01",
        currentPeriodEnd: "2026-11-30",
        cancelAtPeriodEnd: false,
        canceledAt: undefined,
        createdAt: Date.UTC(2024, 2, 1, 10, 42) / 1000,
      },
      expect.objectContaining({ subscriptionId: "sub_Q2harbour", status: "past_due" }),
      expect.objectContaining({
        status: "canceled",
        cancelAtPeriodEnd: true,
        canceledAt: Date.UTC(2026, 5, 5, 8) / 1000,
      }),
    ]);
    expect(rejected).toEqual([
      {
        line: 5,
        problems: [
          expect.objectContaining({
            column: "Status",
            value: "sleeping",
            message: expect.stringContaining("expected a subscription status (trialing, active"),
          }),
        ],
      },
    ]);
  });

  it("reads invoices with amounts in minor units of their currency", async () => {
    const { records, rejected } = await read("stripe-invoices.csv");

    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        invoiceId: "in_Q1",
        status: "paid",
        amountRemaining: 0,
        dueDate: undefined,
      }),
      {
        invoiceId: "in_Q2",
        customerId: "cus_Q2harbour",
        subscriptionId: "sub_Q2harbour",
        status: "open",
        amountRemaining: 4900,
        attempted: true,
        attemptCount: 2,
        dueDate: "2026-12-04",
        createdAt: Date.UTC(2026, 10, 20, 23, 30) / 1000,
      },
      expect.objectContaining({
        invoiceId: "in_Q3",
        amountRemaining: 1000,
        subscriptionId: undefined,
      }),
    ]);
    expect(rejected).toEqual([
      {
        line: 5,
        problems: [expect.objectContaining({ column: "Amount Remaining", value: "n/a" })],
      },
    ]);
  });

  it.each(["stripe-payments.csv", "stripe-payments-legacy.csv"])(
    "reads payments from %s, Paid and Failed as the API's statuses",
    async (name) => {
      const { opened, records, rejected } = await read(name);

      expect([opened.kind, opened.preset]).toEqual(["stripe_charges", "stripe_dashboard"]);
      expect(rejected).toEqual([]);
      expect(records.map((row) => row.record)).toContainEqual(
        expect.objectContaining({
          customerId: "cus_Q2harbour",
          status: "failed",
          createdAt: Date.UTC(2026, 10, 20, 23, 31) / 1000,
        }),
      );
      expect(records.map((row) => row.record)).toContainEqual(
        expect.objectContaining({
          customerId: "cus_Q1derras",
          status: "succeeded",
          invoiceId: "in_Q1",
        }),
      );
    },
  );
});

describe("preset stripe_warehouse", () => {
  it("reads customers, the HubSpot id from the metadata JSON", async () => {
    const { opened, records, rejected } = await read("warehouse-stripe-customers.csv");

    expect(opened.preset).toBe("stripe_warehouse");
    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        customerId: "cus_W1",
        hubspotCompanyId: "18734299351",
        delinquent: false,
      }),
      expect.objectContaining({
        customerId: "cus_W2",
        hubspotCompanyId: undefined,
        delinquent: true,
      }),
    ]);
    expect(rejected).toEqual([
      {
        line: 4,
        problems: [
          {
            column: "metadata",
            value: "not json",
            message: "expected the metadata as a JSON object",
          },
        ],
      },
    ]);
  });

  it("reads subscriptions, invoices (minor units) and charges", async () => {
    const subscriptions = await read("warehouse-stripe-subscriptions.csv");
    const invoices = await read("warehouse-stripe-invoices.csv");
    const charges = await read("warehouse-stripe-charges.csv");

    expect(
      [subscriptions, invoices, charges].map(({ opened }) => [opened.kind, opened.preset]),
    ).toEqual([
      ["stripe_subscriptions", "stripe_warehouse"],
      ["stripe_invoices", "stripe_warehouse"],
      ["stripe_charges", "stripe_warehouse"],
    ]);
    expect(subscriptions.records[1]?.record).toMatchObject({
      status: "unpaid",
      currentPeriodEnd: "2026-12-20",
      cancelAtPeriodEnd: true,
    });
    expect(invoices.records[1]?.record).toMatchObject({
      amountRemaining: 4900,
      dueDate: "2026-12-04",
    });
    expect(charges.records[0]?.record).toMatchObject({
      status: "failed",
      failureCode: "card_declined",
    });
  });
});
