import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import { collectExportRows } from "./collect-export-rows.js";
import { openExportOrFail } from "./open-export.js";
import type { OpenExportOptions } from "./opened-export.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/importers/", import.meta.url));
const config = configSchema.parse({});

async function read(name: string, options: Partial<OpenExportOptions> = {}) {
  const opened = await openExportOrFail(fixtures + name, { config, ...options });

  return { opened, ...(await collectExportRows(opened)) };
}

async function collect(file: string) {
  const opened = await openExportOrFail(file, { config });

  return { opened, ...(await collectExportRows(opened)) };
}

const scratch = mkdtempSync(join(tmpdir(), "csops-open-export-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A file made for one test. */
function writeScratch(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);

  return file;
}

async function refusal(name: string, options: Partial<OpenExportOptions> = {}) {
  return openExportOrFail(fixtures + name, { config, ...options }).then(
    () => expect.fail(`${name} was opened`),
    (error: unknown) => error as Error & { code: string },
  );
}

describe("openExportOrFail: reading files as they really are", () => {
  it("reads UTF-8 with a byte-order mark, every value quoted", async () => {
    const { opened, records, rejected } = await read("hubspot-companies.csv");

    expect([opened.kind, opened.preset, opened.format]).toEqual([
      "hubspot_companies",
      "hubspot_ui",
      "csv",
    ]);
    expect(rejected).toEqual([]);
    expect(records[0]).toMatchObject({ line: 2, record: { companyId: "18734299351" } });
  });

  it("reads UTF-16LE with a byte-order mark and no final line break (Matomo's CSV)", async () => {
    const { opened, records } = await read("matomo-visits.csv");

    expect([opened.kind, opened.preset, opened.format]).toEqual([
      "matomo_visits",
      "matomo_api",
      "csv",
    ]);
    expect(records.map((row) => row.record)).toMatchObject([
      { visitId: "1:101", userId: "jane.doe@derras-realestate.co.uk" },
      { visitId: "1:102" },
      { visitId: "1:103", userId: undefined },
    ]);
  });

  it("reads semicolons with decimal commas, and names an amount it cannot read", async () => {
    const { records, rejected } = await read("stripe-invoices-semicolon.csv");

    expect(records.map((row) => row.record)).toMatchObject([
      { invoiceId: "in_E1", amountRemaining: 123456, status: "open" },
      { invoiceId: "in_E2", amountRemaining: 123450, status: "open" },
      { invoiceId: "in_E3", amountRemaining: 0, status: "paid" },
    ]);
    expect(rejected).toEqual([
      {
        line: 5,
        problems: [
          {
            column: "Amount Remaining",
            value: "12,34,56",
            message: expect.stringMatching(/^expected an amount such as 1234.56/),
          },
        ],
      },
    ]);
  });

  it("reads tab-separated files as TSV", async () => {
    const { opened, records } = await read("matomo-visits.tsv");

    expect(opened.format).toBe("tsv");
    expect(records.map((row) => row.record)).toMatchObject([
      { visitId: "1:201", events: [{ category: "Feature", action: "listing_created" }] },
      { visitId: "1:202", userId: "=HYPERLINK(1)", events: [] },
    ]);
  });

  it("reads quoted separators, quotes and line breaks, and numbers the lines after them", async () => {
    const { records, rejected } = await read("hubspot-tickets.csv");

    expect(records.map(({ line, kind, record }) => [line, kind, record])).toEqual([
      [
        2,
        "hubspot_tickets",
        expect.objectContaining({ ticketId: "5501", companyId: "18734299351" }),
      ],
      [2, "hubspot_ticket_companies", { ticketId: "5501", companyId: "18734299351" }],
      [3, "hubspot_tickets", expect.objectContaining({ ticketId: "5502" })],
      [3, "hubspot_ticket_companies", { ticketId: "5502", companyId: "18734299351" }],
      [3, "hubspot_ticket_companies", { ticketId: "5502", companyId: "18734299353" }],
      [6, "hubspot_tickets", expect.objectContaining({ ticketId: "5503", companyId: undefined })],
    ]);
    expect(rejected).toEqual([
      {
        line: 7,
        problems: [
          {
            column: "Create date",
            value: "2026-13-01 10:00",
            message: "expected a date and time YYYY-MM-DD HH:MM[:SS]",
          },
        ],
      },
      { line: 8, problems: [{ message: "has 8 cells, expected 7 (one per column)" }] },
      {
        line: 9,
        problems: [
          expect.objectContaining({ column: "Associated Company IDs", value: "1.87343E+10" }),
        ],
      },
    ]);
  });

  it("strips Matomo's ' guard in front of = + - @", async () => {
    const { records } = await read("matomo-users.csv", { exportedOn: "2026-12-01" });

    expect(records.map((row) => row.record)).toMatchObject([
      { userId: "jane.doe@derras-realestate.co.uk" },
      { userId: "-ops@harbourview-lettings.co.uk" },
      { userId: "tom@oakandstone.com" },
    ]);
  });

  it("rejects an id a spreadsheet turned into 1.23457E+11 and imports the other rows", async () => {
    const { records, rejected } = await read("spreadsheet-id-companies.csv");

    expect(records.map((row) => row.record)).toMatchObject([{ companyId: "18734299352" }]);
    expect(rejected).toEqual([
      {
        line: 2,
        problems: [
          {
            column: "Record ID",
            value: "1.23457E+11",
            message: expect.stringContaining("scientific notation by a spreadsheet"),
          },
        ],
      },
    ]);
  });

  it("rejects bad dates naming the expected form, listing every problem of a row", async () => {
    const { records, rejected } = await read("bad-dates-companies.csv");

    expect(records.map((row) => row.record)).toMatchObject([
      { companyId: "18734299353", contractEndDate: "2026-07-01", accountStartDate: undefined },
    ]);
    expect(rejected).toEqual([
      {
        line: 2,
        problems: [
          {
            column: "Contract end date",
            value: "15/03/2027",
            message: "expected a date YYYY-MM-DD",
          },
        ],
      },
      {
        line: 3,
        problems: [
          {
            column: "Contract end date",
            value: "2027-02-30",
            message: "expected a date YYYY-MM-DD",
          },
          { column: "Customer since", value: "not yet", message: "expected a date YYYY-MM-DD" },
        ],
      },
    ]);
  });

  it("reports a quote never closed on its row, keeping the rows before it", async () => {
    const { records, rejected } = await read("unclosed-quote-customers.csv");

    expect(records.map((row) => row.record)).toMatchObject([{ customerId: "cus_U1" }]);
    expect(rejected).toEqual([
      { line: 3, problems: [{ message: expect.stringContaining("never closed") }] },
    ]);
  });
});

describe("openExportOrFail: files refused whole", () => {
  it("refuses a file missing a required column, naming the file, kind, preset and column", async () => {
    const error = await refusal("missing-column-subscriptions.csv");

    expect(error.code).toBe("import_missing_column");
    expect(error.message).toContain("missing-column-subscriptions.csv");
    expect(error.message).toContain("Stripe subscriptions (preset stripe_dashboard)");
    expect(error.message).toMatch(/missing column Status$/);
  });

  it("refuses bytes that are not UTF-8 with the offset, and reads them with --encoding", async () => {
    const error = await refusal("windows-1252-companies.csv");

    expect(error.code).toBe("import_undecodable");
    const offset = readFileSync(fixtures + "windows-1252-companies.csv").indexOf(0xe8);
    expect(error.message).toContain(
      `windows-1252-companies.csv: not valid UTF-8 at byte ${offset}`,
    );
    expect(error.message).toContain("--encoding");

    const { records } = await read("windows-1252-companies.csv", { encoding: "windows-1252" });
    expect(records[0]?.record).toMatchObject({ name: "Agence Immobilière Dupont" });
  });

  it.each(["empty.csv", "bom-only.csv"])("refuses %s as empty", async (name) => {
    const error = await refusal(name);

    expect(error.code).toBe("file_empty");
    expect(error.message).toContain(name);
  });

  it("refuses a file it cannot place, listing what each kind needs", async () => {
    const error = await refusal("unknown-kind.csv");

    expect(error.code).toBe("import_unknown_kind");
    expect(error.message).toContain('("Date", "Payee", "Amount")');
    expect(error.message).toContain("expected HubSpot companies (Record ID, Company name) or");
    expect(error.message).toContain("Matomo visits log (Live.getLastVisitsDetails) (idVisit)");
    expect(error.message).toContain("--source");
  });

  it("names what is missing for the kind --source asks for", async () => {
    const error = await refusal("unknown-kind.csv", { kind: "stripe_charges" });

    expect(error.code).toBe("import_missing_column");
    expect(error.message).toContain("Stripe payments (charges)");
    expect(error.message).toContain("id");
  });

  it("reads a file as the kind --source names", async () => {
    const { opened } = await read("stripe-customers.csv", { kind: "stripe_customers" });

    expect(opened.kind).toBe("stripe_customers");
    await expect(
      refusal("stripe-customers.csv", { kind: "hubspot_tickets" }),
    ).resolves.toMatchObject({
      code: "import_missing_column",
    });
  });

  it.each([
    ["matomo-visits-summary.csv", "a Matomo report of aggregated metrics"],
    ["matomo-visits.xml", "XML"],
    ["matomo-bulk.json", "API.getBulkRequest"],
    ["stripe-events.json", "Stripe event objects"],
  ])(
    "refuses %s as a format csops does not read, saying why and what instead",
    async (name, what) => {
      const error = await refusal(name);

      expect(error.code).toBe("import_unsupported");
      expect(error.message).toContain(what);
      expect(error.message).toMatch(/instead|csops reads/);
    },
  );

  it("refuses an Excel workbook, asking for CSV", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "csops-")), "companies.csv");
    writeFileSync(file, Buffer.from("504b0304140006000800000021006b", "hex"));

    await expect(openExportOrFail(file, { config })).rejects.toMatchObject({
      code: "import_unsupported",
      message: expect.stringContaining("an Excel workbook"),
    });
  });

  it("refuses a header line whose quote is never closed, saying so", async () => {
    const file = writeScratch("customers.csv", 'id,"Description,Email\ncus_1,a,b@c.com\n');

    await expect(openExportOrFail(file, { config })).rejects.toMatchObject({
      code: "import_unknown_kind",
      message: expect.stringContaining("a quote opened in the header line is never closed"),
    });
  });

  it("refuses a header line longer than the head it is recognised from", async () => {
    const file = writeScratch("wide.csv", `id,${"x".repeat(1 << 20)}\n1,2\n`);

    await expect(openExportOrFail(file, { config })).rejects.toMatchObject({
      code: "import_unknown_kind",
      message: expect.stringContaining("longer than 1 MiB"),
    });
  });

  it("refuses a file that does not exist as unreadable", async () => {
    await expect(refusal("no-such-file.csv")).resolves.toMatchObject({ code: "file_unreadable" });
  });
});

describe("openExportOrFail: files larger than the head read to recognise them", () => {
  it("reads a quoted cell that runs past the head, numbering the lines after it", async () => {
    const header = readFileSync(fixtures + "stripe-customers.csv", "utf8").split("\n")[0];
    const note = `"${"a long note\r\n".repeat(100_000)}"`;
    const file = writeScratch(
      "long-note-customers.csv",
      `${header}\ncus_1,${note},a@x.co.uk,A,2024-03-01 10:42,false,\n` +
        "cus_2,,b@x.co.uk,B,2024-03-02 10:42,true,\n",
    );
    const { opened, records, rejected } = await collect(file);

    expect(opened.kind).toBe("stripe_customers");
    expect(rejected).toEqual([]);
    expect(records.map((row) => [row.line, row.record])).toMatchObject([
      [2, { customerId: "cus_1" }],
      [100_003, { customerId: "cus_2" }],
    ]);
  });
});

describe("openExportOrFail: what the file says as a whole", () => {
  it("hashes the raw bytes and counts the rows once they are read", async () => {
    const name = "spreadsheet-id-companies.csv";
    const { opened, summary } = await read(name);
    const expected = createHash("sha256")
      .update(readFileSync(fixtures + name))
      .digest("hex");

    expect(opened.sha256).toBe(expected);
    expect(summary).toEqual({ rowsRead: 2 });
  });

  it("says when the hash is asked for before the rows are read", async () => {
    const opened = await openExportOrFail(fixtures + "hubspot-companies.csv", { config });

    expect(() => opened.sha256).toThrow("once the rows have been read");
  });
});
