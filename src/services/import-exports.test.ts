import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import { writeDemoExports, type DemoSummary } from "../demo/write-demo-exports.js";
import { createSilentLogger } from "../logger.js";
import { describeEachDatabase, snapshotTables } from "../storage/test-databases.js";
import type { Store, StoreTx } from "../storage/store.js";
import { importExports, type ImportOptions } from "./import-exports.js";

const config = configSchema.parse({});
let folder: string;
let demo: DemoSummary;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "csops-import-"));
  demo = await writeDemoExports({
    outDir: join(folder, "demo"),
    customers: 200,
    asOf: "2026-12-03",
    seed: 7,
    timeZone: config.time_zone,
  });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function optionsFor(store: Store): ImportOptions {
  let clock = 1_796_000_000;
  return { store, config, logger: createSilentLogger(), now: () => (clock += 1) };
}

/** The data tables only: the import log grows on purpose with every attempt. */
async function dataOf(database: Parameters<typeof snapshotTables>[0]) {
  const snapshot = await snapshotTables(database);
  for (const table of Object.keys(snapshot)) {
    if (table.startsWith("import") || table.startsWith("kysely")) delete snapshot[table];
  }

  return snapshot;
}

describeEachDatabase("importExports", (t) => {
  it("imports the demo folder, each file as its kind, reporting every planted bad row", async () => {
    const outcomes = await importExports([join(folder, "demo")], optionsFor(t.store));

    expect(outcomes.map((o) => [o.kind, o.status])).toEqual([
      ["hubspot_companies", "imported"],
      ["hubspot_tickets", "imported"],
      ["matomo_visits", "imported"],
      ["stripe_customers", "imported"],
      ["stripe_invoices", "imported"],
      ["stripe_subscriptions", "imported"],
    ]);
    const reported = outcomes.flatMap((o) =>
      o.problems.map((p) => `${o.file.split("/").pop()}:${p.line} ${p.column}`),
    );
    expect(reported.sort()).toEqual(
      demo.planted.map((p) => `${p.file}:${p.line} ${p.column}`).sort(),
    );
    for (const outcome of outcomes) {
      const file = demo.files.find((f) => outcome.file.endsWith(f.name));
      expect(outcome.rowsRead).toBe(file?.rows);
      expect(outcome.rowsImported + outcome.rowsRejected).toBe(outcome.rowsRead);
    }

    const log = await t.store.listImports({ limit: 10 });
    expect(log.filter((entry) => entry.status === "imported")).toHaveLength(6);
    const visits = log.find((entry) => entry.kind === "matomo_visits");
    expect(visits?.coverage).toEqual({ from: "2026-10-04", to: "2026-12-02" });
    const problems = await t.store.importProblems(visits?.id ?? -1);
    expect(problems).toHaveLength(1);
  });

  it("changes nothing when the same files come again, and says so", async () => {
    const before = await dataOf(t.database);
    const outcomes = await importExports([join(folder, "demo")], optionsFor(t.store));

    expect(outcomes.every((o) => o.status === "unchanged")).toBe(true);
    expect(outcomes[0]?.message).toMatch(/same bytes were imported before \(import \d+\)/);
    expect(await dataOf(t.database)).toEqual(before);
  });

  it("updates a record when a newer export changes it", async () => {
    const original = readFileSync(join(folder, "demo", "hubspot-companies.csv"), "utf8");
    const [header = "", first = ""] = original.split("\r\n");
    const changed = first.replace(/"(Basic|Standard|Enterprise)"/, '"Enterprise Plus"');
    const file = join(folder, "companies-changed.csv");
    writeFileSync(file, `${header}\r\n${changed}\r\n`);

    const [outcome] = await importExports([file], optionsFor(t.store));
    expect(outcome?.rowsImported).toBe(1);
    const id = /^"(\d+)"/.exec(first)?.[1];
    const input = await t.store.loadFactsInput("2026-12-03", {
      ticketWindowDays: 30,
      usageWindowDays: 30,
      featureCategory: "Feature",
    });
    expect(input.companies.find((c) => c.companyId === id)?.plan).toBe("Enterprise Plus");
  });

  it("rejects a record id on a second line of a file, naming the first, and keeps the first", async () => {
    const original = readFileSync(join(folder, "demo", "hubspot-companies.csv"), "utf8");
    const [header = "", first = ""] = original.split("\r\n");
    const renamed = first.replace(/^("\d+",")[^"]*"/, '$1Esmond Homes RENAMED"');
    const file = join(folder, "companies-repeated.csv");
    writeFileSync(file, `${header}\r\n${first}\r\n${renamed}\r\n`);
    const id = /^"(\d+)"/.exec(first)?.[1] ?? "";

    const [outcome] = await importExports([file], optionsFor(t.store));

    expect(outcome).toMatchObject({ rowsRead: 2, rowsImported: 1, rowsRejected: 1 });
    expect(outcome?.problems).toEqual([
      { line: 3, value: id, message: `hubspot_companies ${id} repeats line 2; the first is kept` },
    ]);
    const [match] = await t.store.searchCompanies(id, { limit: 1 });
    expect(match?.name).not.toContain("RENAMED");
  });

  it("refuses a file of a kind it does not read, records why, and keeps the data", async () => {
    const before = await dataOf(t.database);
    const file = join(folder, "notes.csv");
    writeFileSync(file, "Title,Body\nhello,world\n");

    const [outcome] = await importExports([file], optionsFor(t.store));

    expect(outcome?.status).toBe("refused");
    expect(outcome?.message).toContain("notes.csv");
    const [logged] = await t.store.listImports({ limit: 1 });
    expect(logged).toMatchObject({ status: "refused", file });
    expect(await dataOf(t.database)).toEqual(before);
  });

  it("leaves the previous data intact when a file turns undecodable in the middle", async () => {
    const before = await dataOf(t.database);
    // Over a megabyte of good rows, so the bad bytes lie beyond what is read to recognise the
    // file; then a byte that is not UTF-8: the file must be refused whole, mid-stream.
    const header = "id,Description,Email,Name,Created (UTC),Delinquent\n";
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `cus_bulk${i},,ops@agency${i}.example,Agency ${i},2024-03-01 10:42,false\n`,
    );
    const file = join(folder, "customers-broken.csv");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(header + rows.join("")), Buffer.from([0xff, 0x0a])]),
    );

    const [outcome] = await importExports([file], optionsFor(t.store));

    expect(outcome?.status).toBe("failed");
    expect(outcome?.message).toMatch(/customers-broken\.csv/);
    expect(await dataOf(t.database)).toEqual(before);
    const [logged] = await t.store.listImports({ limit: 1 });
    expect(logged?.status).toBe("failed");
  });

  it("leaves the previous data intact when the store fails in the middle of a file", async () => {
    const before = await dataOf(t.database);
    const file = join(folder, "visits-again.csv");
    copyFileSync(join(folder, "demo", "matomo-visits.csv"), file);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from("\n", "utf16le")]));
    const failing = failOnSecondBatch(t.store);

    const [outcome] = await importExports([file], { ...optionsFor(failing), store: failing });

    expect(outcome?.status).toBe("failed");
    expect(await dataOf(t.database)).toEqual(before);
  });
});

/** A store whose second batch of records fails, as a full disk or a lost connection would. */
function failOnSecondBatch(store: Store): Store {
  let batches = 0;
  return {
    ...store,
    transaction: (work) =>
      store.transaction((tx) => {
        const failing: StoreTx = {
          ...tx,
          upsertRecords: async (kind, records, importId) => {
            batches += 1;
            if (batches === 2) throw new Error("disk I/O error");
            return tx.upsertRecords(kind, records, importId);
          },
        };
        return work(failing);
      }),
  };
}
