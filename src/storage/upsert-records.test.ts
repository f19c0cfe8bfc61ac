import type { Kysely } from "kysely";
import { beforeAll, expect, it } from "vitest";

import type {
  CompanyRecord,
  MatomoVisitRecord,
  RecordOfKind,
  SourceKind,
} from "../domain/records.js";
import type { Database } from "./open-database.js";
import { RECORD_TABLES, rowToRecord, type Row } from "./record-tables.js";
import { describeEachDatabase, snapshotTables } from "./test-databases.js";

/** One record per kind with every field set, and one with only the required ones. */
const FULL_AND_MINIMAL: { [K in SourceKind]: [RecordOfKind[K], RecordOfKind[K]] } = {
  hubspot_companies: [
    {
      companyId: "9001",
      name: "Derras Real Estate",
      domain: "derras.example",
      ownerId: "750122779",
      ownerName: "Alex Morgan",
      plan: "Standard",
      contractEndDate: "2027-01-31",
      accountStartDate: "2025-02-01",
      stripeCustomerId: "cus_A1",
      isDeleted: false,
      modifiedAt: 1_767_225_600,
      ticketCount: 0,
      paymentFailed: true,
      lastLoginDate: "never",
      logins30d: 12,
      featuresUsed30d: 3,
    },
    { companyId: "9002", name: "Ó'Brien & Söhne Immobilien" },
  ],
  hubspot_tickets: [
    {
      ticketId: "T1",
      companyId: "9001",
      createdDate: "2026-11-02",
      closedDate: "2026-11-03",
      isDeleted: true,
    },
    { ticketId: "T2", createdDate: "2026-11-04" },
  ],
  hubspot_ticket_companies: [
    { ticketId: "T2", companyId: "9001" },
    { ticketId: "T2", companyId: "9002" },
  ],
  hubspot_owners: [
    { ownerId: "750122779", name: "Alex Morgan", email: "alex@csops.example" },
    { ownerId: "750122780", name: "Sam Patel" },
  ],
  stripe_customers: [
    {
      customerId: "cus_A1",
      email: "billing@derras.example",
      name: "Derras",
      hubspotCompanyId: "9001",
      createdAt: 1_700_000_000,
      delinquent: false,
      isDeleted: false,
    },
    { customerId: "cus_A2" },
  ],
  stripe_subscriptions: [
    {
      subscriptionId: "sub_1",
      customerId: "cus_A1",
      status: "past_due",
      startDate: "2025-02-01",
      currentPeriodEnd: "2026-12-01",
      cancelAtPeriodEnd: true,
      canceledAt: 1_760_000_000,
      createdAt: 1_738_368_000,
    },
    { subscriptionId: "sub_2", customerId: "cus_A2", status: "active" },
  ],
  stripe_invoices: [
    {
      invoiceId: "in_1",
      customerId: "cus_A1",
      subscriptionId: "sub_1",
      status: "open",
      amountRemaining: 4_900_000_000_000,
      attempted: true,
      attemptCount: 2,
      dueDate: "2026-11-15",
      createdAt: 1_762_000_000,
    },
    {
      invoiceId: "in_2",
      customerId: "cus_A2",
      status: "paid",
      amountRemaining: 0,
      attempted: false,
      attemptCount: 0,
      createdAt: 1_762_000_001,
    },
  ],
  stripe_charges: [
    {
      chargeId: "ch_1",
      customerId: "cus_A1",
      invoiceId: "in_1",
      status: "failed",
      createdAt: 1_762_000_100,
      failureCode: "card_declined",
    },
    { chargeId: "ch_2", status: "succeeded", createdAt: 1_762_000_200 },
  ],
  matomo_visits: [
    {
      visitId: "1:101",
      userId: "9001",
      visitedAt: 1_764_633_600,
      visitDate: "2025-12-02",
      events: [
        { category: "Feature", action: "Listings", name: "create" },
        { category: "Account", action: "login" },
      ],
    },
    { visitId: "1:102", visitedAt: 1_764_633_700, visitDate: "2025-12-02", events: [] },
  ],
  matomo_users: [
    {
      userId: "agent@derras.example",
      exportedOn: "2026-11-30",
      lastLoginDate: "2026-11-28",
      logins30d: 9,
      featuresUsed30d: 2,
    },
    { userId: "u-2", exportedOn: "2026-11-30" },
  ],
};

async function createImport(database: Database, file: string): Promise<number> {
  const row = await database.kysely
    .insertInto("imports")
    .values({
      file,
      started_at: 1_767_225_600,
      status: "imported",
      rows_read: 0,
      rows_imported: 0,
      rows_rejected: 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A kind's rows read back as records, in key order, visits with their events. */
async function readRecords<K extends SourceKind>(
  database: Database,
  kind: K,
): Promise<RecordOfKind[K][]> {
  const tables = database.kysely as unknown as Kysely<Record<string, Row>>;
  const rows = await tables
    .selectFrom(kind)
    .selectAll()
    .orderBy([...RECORD_TABLES[kind].keyColumns])
    .execute();
  const records = rows.map((row) => rowToRecord(kind, row)) as RecordOfKind[K][];
  if (kind !== "matomo_visits") return records;

  const events = await database.kysely
    .selectFrom("matomo_events")
    .selectAll()
    .orderBy(["visit_id", "position"])
    .execute();
  return (records as MatomoVisitRecord[]).map((visit) => ({
    ...visit,
    events: events
      .filter((event) => event.visit_id === visit.visitId)
      .map((event) => ({
        category: event.category,
        action: event.action,
        ...(event.name === null ? {} : { name: event.name }),
      })),
  })) as RecordOfKind[K][];
}

function companies(count: number, from = 0, suffix = ""): CompanyRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    companyId: `C${String(from + index).padStart(5, "0")}`,
    name: `Agency ${from + index}${suffix}`,
    plan: index % 2 === 0 ? "Basic" : "Enterprise",
    isDeleted: false,
    modifiedAt: 1_767_225_600 + index,
  }));
}

describeEachDatabase("upsertRecords: each kind", (testDatabase) => {
  let importId = 0;
  beforeAll(async () => {
    importId = await createImport(testDatabase.database, "round-trip.csv");
  });

  it.each(Object.keys(FULL_AND_MINIMAL) as SourceKind[])(
    "stores %s with every field and with only the required ones, and reads them back",
    async (kind) => {
      const records = FULL_AND_MINIMAL[kind];
      const written = await testDatabase.store.transaction((tx) =>
        tx.upsertRecords(kind, records, importId),
      );

      expect(written.changed).toBe(2);
      expect(await readRecords(testDatabase.database, kind)).toEqual(records);
    },
  );
});

describeEachDatabase("upsertRecords: the same records again", (testDatabase) => {
  it("changes nothing, not even which import last wrote the rows", async () => {
    const { database, store } = testDatabase;
    const first = await createImport(database, "first.csv");
    const second = await createImport(database, "second.csv");
    const kinds = Object.keys(FULL_AND_MINIMAL) as SourceKind[];
    const writeAll = (importId: number) =>
      store.transaction(async (tx) => {
        let changed = 0;
        for (const kind of kinds) {
          changed += (await tx.upsertRecords(kind, FULL_AND_MINIMAL[kind], importId)).changed;
        }
        changed += (await tx.upsertRecords("hubspot_companies", companies(1_500), importId))
          .changed;
        return changed;
      });

    expect(await writeAll(first)).toBe(kinds.length * 2 + 1_500);
    const before = await snapshotTables(database);
    expect(before.hubspot_companies).toHaveLength(1_502);

    expect(await writeAll(second)).toBe(0);
    expect(await snapshotTables(database)).toEqual(before);
  });

  it("updates a changed record in place and marks it with the import that changed it", async () => {
    const { database, store } = testDatabase;
    const third = await createImport(database, "third.csv");
    const [derras] = FULL_AND_MINIMAL.hubspot_companies;
    const changedDerras = { ...derras, plan: "Enterprise", ticketCount: undefined };

    const written = await store.transaction((tx) =>
      tx.upsertRecords("hubspot_companies", [changedDerras, ...companies(3)], third),
    );

    expect(written.changed).toBe(1);
    const rows = await database.kysely
      .selectFrom("hubspot_companies")
      .select(["company_id", "plan", "ticket_count", "import_id"])
      .where("company_id", "in", ["9001", "C00000"])
      .orderBy("company_id")
      .execute();
    expect(rows).toEqual([
      { company_id: "9001", plan: "Enterprise", ticket_count: null, import_id: third },
      { company_id: "C00000", plan: "Basic", ticket_count: null, import_id: third - 2 },
    ]);
  });

  it("replaces a visit's events with the ones it carries now", async () => {
    const { database, store } = testDatabase;
    const importId = await createImport(database, "visits-again.csv");
    const [visit] = FULL_AND_MINIMAL.matomo_visits;
    const fewerEvents = { ...visit, events: [{ category: "Feature", action: "Reports" }] };

    await store.transaction((tx) => tx.upsertRecords("matomo_visits", [fewerEvents], importId));

    const [stored] = await readRecords(database, "matomo_visits");
    expect(stored).toEqual(fewerEvents);
  });

  it("keeps the last of several records with the same id in one call", async () => {
    const { database, store } = testDatabase;
    const importId = await createImport(database, "duplicates.csv");
    const early = { companyId: "D1", name: "Early name" };
    const late = { companyId: "D1", name: "Late name", plan: "Basic" };

    const written = await store.transaction((tx) =>
      tx.upsertRecords("hubspot_companies", [early, late], importId),
    );

    expect(written.changed).toBe(1);
    const stored = (await readRecords(database, "hubspot_companies")).filter(
      (company) => company.companyId === "D1",
    );
    expect(stored).toEqual([late]);
  });
});

describeEachDatabase("upsertRecords: a failure in the middle of a file", (testDatabase) => {
  it("leaves the earlier data exactly as it was when a batch fails midway", async () => {
    const { database, store } = testDatabase;
    const first = await createImport(database, "companies-1.csv");
    await store.transaction((tx) => tx.upsertRecords("hubspot_companies", companies(1_200), first));
    const before = await snapshotTables(database);

    // 2,500 records span three statements: the first two succeed inside the transaction, the
    // third fails on a row without a name (NOT NULL), as a crash mid-file would.
    const next = companies(2_500, 0, " (renamed)");
    next[2_200] = { companyId: "C02200" } as CompanyRecord;
    const failure = await store
      .transaction(async (tx) => {
        const importId = await tx.beginImport({
          file: "companies-2.csv",
          startedAt: 1_767_312_000,
        });
        await tx.upsertRecords("hubspot_companies", next, importId);
      })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Error);
    expect(await snapshotTables(database)).toEqual(before);
  });

  it("leaves the earlier data exactly as it was when the work throws after writing", async () => {
    const { database, store } = testDatabase;
    const before = await snapshotTables(database);
    const importId = await createImport(database, "visits.csv");
    const afterImportRow = await snapshotTables(database);

    const failure = await store
      .transaction(async (tx) => {
        await tx.upsertRecords("hubspot_companies", companies(1_300, 0, " (again)"), importId);
        await tx.upsertRecords("matomo_visits", FULL_AND_MINIMAL.matomo_visits, importId);
        await tx.addImportProblems(importId, [{ line: 7, message: "bad date" }]);
        await tx.addCoveredDays(importId, ["2025-12-02"]);
        throw new Error("the process died here");
      })
      .catch((error: unknown) => error);

    expect(failure).toEqual(new Error("the process died here"));
    expect(afterImportRow.imports).toHaveLength(before.imports!.length + 1);
    expect(await snapshotTables(database)).toEqual(afterImportRow);
  });
});
