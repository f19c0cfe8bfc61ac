import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import { collectExportRows } from "./collect-export-rows.js";
import { openExportOrFail } from "./open-export.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/importers/", import.meta.url));
const formats = fileURLToPath(new URL("../../../shared/formats/stripe/", import.meta.url));
const config = configSchema.parse({});

async function read(file: string) {
  const opened = await openExportOrFail(file, { config });

  return { opened, ...(await collectExportRows(opened)) };
}

describe("Stripe API objects", () => {
  it("reads the shape before 2025-03-31: period and subscription at the top level", async () => {
    const { opened, records, rejected } = await read(
      fixtures + "stripe-api-before-2025-03-31.json",
    );

    expect([opened.kind, opened.preset, opened.format]).toEqual([
      "stripe_customers",
      "stripe_api",
      "json",
    ]);
    expect(rejected).toEqual([]);
    expect(records.map(({ line, kind, record }) => [line, kind, record])).toEqual([
      [
        1,
        "stripe_customers",
        {
          customerId: "cus_A1",
          email: "accounts@derras-realestate.co.uk",
          name: "Derras Real Estate",
          hubspotCompanyId: "18734299351",
          createdAt: 1709289720,
          delinquent: true,
          isDeleted: undefined,
        },
      ],
      [
        2,
        "stripe_subscriptions",
        {
          subscriptionId: "sub_A1",
          customerId: "cus_A1",
          status: "past_due",
          startDate: "2024-03-01",
          currentPeriodEnd: "2026-12-01",
          cancelAtPeriodEnd: false,
          canceledAt: undefined,
          createdAt: 1709289720,
        },
      ],
      [
        3,
        "stripe_invoices",
        {
          invoiceId: "in_A1",
          customerId: "cus_A1",
          subscriptionId: "sub_A1",
          status: "open",
          amountRemaining: 14900,
          attempted: true,
          attemptCount: 2,
          dueDate: undefined,
          createdAt: 1793502000,
        },
      ],
      [
        4,
        "stripe_charges",
        {
          chargeId: "ch_A1",
          customerId: "cus_A1",
          invoiceId: "in_A1",
          status: "failed",
          createdAt: 1793502060,
          failureCode: "card_declined",
        },
      ],
    ]);
  });

  it("reads the shape from 2025-03-31: the latest item's period end, the parent's subscription", async () => {
    const { records, rejected } = await read(fixtures + "stripe-api-after-2025-03-31.json");

    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        subscriptionId: "sub_B1",
        customerId: "cus_B1",
        currentPeriodEnd: "2027-01-01",
        cancelAtPeriodEnd: true,
        canceledAt: 1795000000,
      }),
      expect.objectContaining({
        invoiceId: "in_B1",
        subscriptionId: "sub_B1",
        dueDate: "2026-12-01",
      }),
      expect.objectContaining({ customerId: "cus_B2", isDeleted: true }),
    ]);
    expect(rejected).toEqual([
      {
        line: 4,
        problems: [
          expect.objectContaining({ column: "status", value: "overdue" }),
          {
            column: "amount_remaining",
            value: "-5",
            message: "expected a whole number, 0 or more",
          },
        ],
      },
    ]);
  });
});

describe.skipIf(!existsSync(formats))("Stripe API objects from Stripe's own fixtures", () => {
  /** fixtures3.json holds one example of each resource; each is written to a file of its own. */
  async function resourceFile(fixture: string, resource: string): Promise<string> {
    const { resources } = JSON.parse(readFileSync(join(formats, fixture), "utf8")) as {
      resources: Record<string, unknown>;
    };
    const file = join(await mkdtemp(join(tmpdir(), "csops-")), `${resource}.json`);
    await writeFile(file, JSON.stringify(resources[resource]));

    return file;
  }

  it("reads a subscription of both shapes, with the period end where each keeps it", async () => {
    const before = await read(await resourceFile("pre-2025-03-31/fixtures3.json", "subscription"));
    const after = await read(await resourceFile("fixtures3.json", "subscription"));

    // The older fixture has current_period_end 1234567890 at the top level; the newer has
    // none there, and 976287773 on its only item.
    expect(before.records[0]?.record).toMatchObject({ currentPeriodEnd: "2009-02-13" });
    expect(after.records[0]?.record).toMatchObject({ currentPeriodEnd: "2000-12-08" });
  });

  it("reads an invoice of both shapes, the newer one's subscription under parent", async () => {
    const before = await read(await resourceFile("pre-2025-03-31/fixtures3.json", "invoice"));
    const after = await read(await resourceFile("fixtures3.json", "invoice"));

    expect(before.records[0]?.record).toMatchObject({ status: "draft", subscriptionId: undefined });
    expect(after.records[0]?.record).toMatchObject({
      status: "draft",
      subscriptionId: "subscription",
    });
  });

  it.each(["customer", "charge"])("reads the %s example of both shapes", async (resource) => {
    for (const fixture of ["pre-2025-03-31/fixtures3.json", "fixtures3.json"]) {
      const { records, rejected } = await read(await resourceFile(fixture, resource));
      expect(rejected).toEqual([]);
      expect(records).toHaveLength(1);
    }
  });
});
