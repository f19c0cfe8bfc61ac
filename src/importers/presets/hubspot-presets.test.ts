import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { configSchema } from "../../config/config-schema.js";
import { collectExportRows } from "../collect-export-rows.js";
import { openExportOrFail } from "../open-export.js";

const fixtures = fileURLToPath(new URL("../../../test/fixtures/importers/", import.meta.url));

async function read(file: string, settings: object = {}) {
  const config = configSchema.parse(settings);
  const opened = await openExportOrFail(file, { config });

  return { opened, ...(await collectExportRows(opened)) };
}

describe("preset hubspot_ui", () => {
  it("reads the demo's company export with zero problems, every column where it belongs", async () => {
    const { opened, records, rejected } = await read(fixtures + "hubspot-companies.csv");

    expect(opened.preset).toBe("hubspot_ui");
    expect(rejected).toEqual([]);
    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        companyId: "18734299351",
        name: "Derras Real Estate",
        domain: "derras-realestate.co.uk",
        ownerName: "Alex Morgan",
        plan: "Standard",
        contractEndDate: "2027-03-15",
        accountStartDate: "2024-03-01",
        stripeCustomerId: "cus_Q1derras",
      }),
      expect.objectContaining({
        companyId: "18734299352",
        domain: "harbourview-lettings.co.uk",
        ownerName: undefined,
        stripeCustomerId: undefined,
      }),
      expect.objectContaining({ companyId: "18734299353", name: "Oak & Stone Homes" }),
    ]);
  });

  it("reads ticket times in the portal's zone and keeps their dates in the team's", async () => {
    const inLondon = await read(fixtures + "hubspot-tickets.csv");
    const inNewYork = await read(fixtures + "hubspot-tickets.csv", {
      import: { hubspot: { portal_time_zone: "America/New_York" } },
    });
    const created = (rows: typeof inLondon.records) =>
      rows.flatMap((row) => (row.kind === "hubspot_tickets" ? [row.record.createdDate] : []));

    expect(created(inLondon.records)).toEqual(["2026-11-20", "2026-11-30", "2026-12-01"]);
    expect(created(inNewYork.records)).toEqual(["2026-11-20", "2026-12-01", "2026-12-01"]);
  });

  it("reads a column the configuration names, in front of the preset's", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "csops-")), "companies.csv");
    writeFileSync(file, "Record ID,Company name,Tier,Plan\n18734299351,Derras,Gold,Standard\n");

    const { records } = await read(file, {
      import: { columns: { hubspot_companies: { plan: "Tier" } } },
    });

    expect(records[0]?.record).toMatchObject({ plan: "Gold" });
  });

  it("refuses a configured field or kind it does not know", async () => {
    const file = fixtures + "hubspot-companies.csv";

    await expect(
      read(file, { import: { columns: { hubspot_companies: { tier: "Tier" } } } }),
    ).rejects.toThrow("import.columns.hubspot_companies.tier: not a field of hubspot_companies");
    await expect(
      read(file, { import: { columns: { deals: { name: "Deal" } } } }),
    ).rejects.toMatchObject({
      code: "config_invalid",
    });
  });
});

describe("preset hubspot_only", () => {
  it("reads every fact the seed's company export carries", async () => {
    const { opened, records, rejected } = await read(fixtures + "hubspot-only-companies.csv");

    expect(opened.preset).toBe("hubspot_only");
    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        companyId: "18734299351",
        plan: "Standard",
        contractEndDate: "2027-03-15",
        ticketCount: 3,
        paymentFailed: true,
        lastLoginDate: "2026-11-28",
        logins30d: 12,
        featuresUsed30d: 4,
      }),
      expect.objectContaining({ paymentFailed: false, lastLoginDate: "never", logins30d: 0 }),
      expect.objectContaining({
        paymentFailed: true,
        ticketCount: undefined,
        lastLoginDate: undefined,
        logins30d: undefined,
      }),
    ]);
    expect(rejected).toEqual([
      {
        line: 5,
        problems: [
          expect.objectContaining({ column: "Support tickets (30 days)", value: "-1" }),
          expect.objectContaining({
            column: "Payment status",
            value: "Maybe",
            message:
              "expected a payment status: Failed, Past due or Unpaid; Current, Paid or Active",
          }),
          expect.objectContaining({ column: "Last login date", value: "yesterday" }),
        ],
      },
    ]);
  });

  it("refuses, under sources.preset hubspot_only, a company export without the facts", async () => {
    const error = await read(fixtures + "hubspot-companies.csv", {
      sources: { preset: "hubspot_only" },
    }).catch((caught: unknown) => caught as Error & { code: string });

    expect(error).toMatchObject({ code: "import_missing_column" });
    expect((error as Error).message).toContain("(preset hubspot_only), but missing columns");
    expect((error as Error).message).toContain("Support tickets (30 days)");
    expect((error as Error).message).toContain("Payment status");
  });
});

describe("preset hubspot_warehouse", () => {
  it("reads companies with property_ columns, the configured properties and UTC times", async () => {
    const { opened, records } = await read(fixtures + "warehouse-companies.csv");

    expect(opened.preset).toBe("hubspot_warehouse");
    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        companyId: "18734299351",
        name: "Derras Real Estate",
        ownerId: "750122779",
        plan: "standard",
        contractEndDate: "2027-03-15",
        accountStartDate: "2024-03-01",
        isDeleted: false,
        modifiedAt: Date.UTC(2026, 10, 30, 2, 5, 7) / 1000,
      }),
      expect.objectContaining({ companyId: "18734299352", isDeleted: true, domain: undefined }),
    ]);
  });

  it("reads tickets with their creation date in the team's zone", async () => {
    const { records } = await read(fixtures + "warehouse-tickets.csv", {
      time_zone: "Pacific/Kiritimati",
    });

    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        ticketId: "5501",
        createdDate: "2026-11-21",
        closedDate: "2026-11-21",
      }),
      expect.objectContaining({
        ticketId: "5502",
        createdDate: "2026-12-01",
        closedDate: undefined,
      }),
    ]);
  });

  it("reads ticket-company associations", async () => {
    const { opened, records } = await read(fixtures + "warehouse-ticket-companies.csv");

    expect(opened.kind).toBe("hubspot_ticket_companies");
    expect(records.map((row) => row.record)).toEqual([
      { ticketId: "5501", companyId: "18734299351" },
      { ticketId: "5502", companyId: "18734299351" },
      { ticketId: "5502", companyId: "18734299353" },
    ]);
  });
});
