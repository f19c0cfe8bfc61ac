import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import type { CustomerFacts } from "../domain/facts.js";
import { CsopsError } from "../errors.js";
import { readFactsFileOrFail } from "./read-facts-file.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/facts/", import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const vendorSamples = fileURLToPath(new URL("../../../shared/formats/", import.meta.url));

/** The three customers every well-formed fixture holds, whatever its format. */
const threeCustomers: CustomerFacts[] = [
  {
    customerId: "1001",
    name: "Derras Real Estate",
    plan: "Standard",
    contractEndDate: "2027-01-15",
    accountStartDate: "2024-03-01",
    supportTickets: 0,
    paymentFailed: true,
    lastLogin: { kind: "date", date: "2026-11-28" },
    logins30d: 9,
    featuresUsed30d: 3,
  },
  {
    customerId: "1002",
    name: "Lakeside Lettings",
    plan: "Basic",
    contractEndDate: undefined,
    accountStartDate: "2026-11-20",
    supportTickets: undefined,
    paymentFailed: false,
    lastLogin: { kind: "never" },
    logins30d: undefined,
    featuresUsed30d: undefined,
  },
  {
    customerId: "1003",
    name: "Ashford Lettings",
    plan: "ENTERPRISE",
    contractEndDate: "2027-07-01",
    accountStartDate: "2023-03-03",
    supportTickets: 1,
    paymentFailed: false,
    lastLogin: { kind: "none_since", date: "2026-11-05" },
    logins30d: 0,
    featuresUsed30d: 0,
  },
];

function refusalOf(file: string): CsopsError {
  try {
    readFactsFileOrFail(file);
  } catch (error) {
    if (error instanceof CsopsError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be refused`);
}

describe("readFactsFileOrFail reads", () => {
  it.each([
    ["comma-separated CSV", "comma.csv"],
    ["semicolon-separated CSV", "semicolon.csv"],
    ["tab-separated text", "tab.tsv"],
    ["UTF-8 with a byte-order mark and CRLF line ends", "bom.csv"],
    ["UTF-16LE with a byte-order mark", "utf16le.csv"],
    ["a JSON array with numbers, booleans, nulls and any-case keys", "facts.json"],
  ])("%s", (_, name) => {
    expect(readFactsFileOrFail(fixture(name))).toEqual({ customers: threeCustomers, problems: [] });
  });

  it("quoted cells: separators, line breaks and doubled or stray quotes inside them", () => {
    const { customers, problems } = readFactsFileOrFail(fixture("quoted.csv"));

    expect(customers.map((c) => [c.customerId, c.name])).toEqual([
      ["2001", "Harbour View Realty, Ltd"],
      ["2002", "Crown & Key\nEstates"],
      ["2004", 'The "Oak" Agency'],
    ]);
    // 2003 starts on line 5, after a name that spans lines 3 and 4.
    expect(problems).toEqual([
      {
        file: fixture("quoted.csv"),
        line: 5,
        message: 'payment_failed "maybe" is not valid: expected true or false',
      },
    ]);
  });

  it("past blank lines and rows of bare separators, keeping line numbers true", () => {
    const { customers, problems } = readFactsFileOrFail(fixture("blank-rows.csv"));

    expect(customers.map((c) => c.customerId)).toEqual(["7001"]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'payment_failed "nope" is not valid: expected true or false'],
    ]);
  });
});

describe("readFactsFileOrFail reports bad rows and keeps the others", () => {
  it("lists every bad value with its line, column, value and what was expected", () => {
    const file = fixture("bad-values.csv");
    const { customers, problems } = readFactsFileOrFail(file);

    expect(customers.map((c) => c.customerId)).toEqual(["3001", "3011"]);
    expect(problems.every((problem) => problem.file === file)).toBe(true);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'contract_end_date "2026-13-45" is not valid: expected a date YYYY-MM-DD'],
      [4, 'support_tickets "abc" is not valid: expected a whole number, 0 or more'],
      [5, 'logins_30d "-1" is not valid: expected a whole number, 0 or more'],
      [6, 'payment_failed "maybe" is not valid: expected true or false'],
      [
        7,
        'last_login_date "yesterday" is not valid: ' +
          "expected a date YYYY-MM-DD, <YYYY-MM-DD (no login since), or never",
      ],
      [8, 'account_start_date "2026-02-30" is not valid: expected a date YYYY-MM-DD'],
      [9, 'logins_30d "5" is not valid: expected 0 or empty, since last_login_date is never'],
      [10, 'customer_id "" is not valid: expected an id'],
      [11, 'contract_end_date "03/12/2027" is not valid: expected a date YYYY-MM-DD'],
      [11, 'support_tickets "2.5" is not valid: expected a whole number, 0 or more'],
      [11, 'payment_failed "yes" is not valid: expected true or false'],
    ]);
  });

  it("points at the line each bad JSON element starts on", () => {
    const { customers, problems } = readFactsFileOrFail(fixture("bad-values.json"));

    expect(customers.map((c) => c.customerId)).toEqual(["4001"]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [14, 'element 2: support_tickets "-2" is not valid: expected a whole number, 0 or more'],
      [14, 'element 2: payment_failed "maybe" is not valid: expected true or false'],
      [14, 'element 2: logins_30d "1.5" is not valid: expected a whole number, 0 or more'],
      [26, "element 3: expected an object with the facts columns"],
      [27, "element 4: name is an object; expected text, a number or true/false"],
      [27, "element 4: features_used_30d is a list; expected text, a number or true/false"],
    ]);
  });

  it("takes no copy of a repeated id, even when the first one was the bad row", () => {
    const { customers, problems } = readFactsFileOrFail(fixture("duplicate-ids.csv"));

    expect(customers.map((c) => [c.customerId, c.name])).toEqual([
      ["5001", "First"],
      ["5003", "Unique"],
    ]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'payment_failed "perhaps" is not valid: expected true or false'],
      [4, 'customer_id "5001" repeats line 2'],
      [5, 'customer_id "5002" repeats line 3'],
    ]);
  });

  it("refuses a row with too few or too many cells, without guessing which is which", () => {
    const { customers, problems } = readFactsFileOrFail(fixture("wrong-cell-count.csv"));

    expect(customers.map((c) => c.customerId)).toEqual(["6003"]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, "has 4 cells, expected 10 (one per column)"],
      [3, "has 11 cells, expected 10 (one per column)"],
    ]);
  });
});

describe("readFactsFileOrFail refuses a whole file", () => {
  const dir = mkdtempSync(join(tmpdir(), "csops-facts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("that lacks a column, naming it", () => {
    const error = refusalOf(fixture("missing-column.csv"));

    expect(error.code).toBe("facts_missing_column");
    expect(error.message).toMatch(/: missing columns payment_failed, features_used_30d; /);
  });

  it.each([
    ["empty", "empty.csv", "file_empty", "is empty"],
    ["blank", "blank.csv", "file_empty", "is empty"],
    ["with a header and no customers", "header-only.csv", "file_empty", "has no customers"],
    ["with a column twice", "repeated-column.csv", "facts_invalid", "column plan appear"],
    ["that is a spreadsheet, not text", "spreadsheet.xlsx", "facts_invalid", "is not a text file"],
    [
      "in another encoding than UTF-8",
      "windows-1252.csv",
      "facts_invalid",
      "is not UTF-8 text (line 3)",
    ],
  ])("that is %s", (_, name, code, words) => {
    const error = refusalOf(fixture(name));

    expect(error.code).toBe(code);
    expect(error.message).toContain(words);
    expect(error.message).toContain(fixture(name));
    expect(error.message).not.toContain("\n");
  });

  it.each([
    ["missing", () => join(dir, "nope.csv"), "no such file"],
    ["a directory", () => dir, "it is a directory"],
  ])("that is %s, in one line", (_, path, reason) => {
    const file = path();
    const error = refusalOf(file);

    expect(error.code).toBe("file_unreadable");
    expect(error.message).toBe(`cannot read ${file}: ${reason}`);
  });

  it("that is not JSON though it says so", () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, '[{"customer_id": "1",');

    expect(refusalOf(file)).toMatchObject({ code: "facts_invalid" });
    expect(refusalOf(file).message).toMatch(/broken\.json: not valid JSON: /);
  });

  it("that holds a JSON object rather than an array", () => {
    const file = join(dir, "object.json");
    writeFileSync(file, '{"customers": []}');

    expect(refusalOf(file).message).toContain("expected a JSON array of customer objects");
  });

  it("whose quotes never close", () => {
    const file = join(dir, "open-quote.csv");
    writeFileSync(file, 'customer_id,name\n1,"Derras Real Estate\n');

    expect(refusalOf(file).message).toMatch(/open-quote\.csv: not readable as CSV: .*line 2/);
  });
});

describe.skipIf(!existsSync(vendorSamples))("readFactsFileOrFail with vendor exports", () => {
  it("decodes Matomo's UTF-16LE export and refuses it for its columns, not its encoding", () => {
    const file = join(vendorSamples, "matomo/test_csvExport__Live.getLastVisitsDetails_day.csv");
    const error = refusalOf(file);

    expect(error.code).toBe("facts_missing_column");
    expect(error.message).toContain("missing columns customer_id, name, plan");
  });

  it("refuses a HubSpot company export, naming what a facts file needs", () => {
    const error = refusalOf(join(vendorSamples, "hubspot/company_data.csv"));

    expect(error.code).toBe("facts_missing_column");
    expect(error.message).toContain("a facts file needs customer_id, name, plan");
  });
});
