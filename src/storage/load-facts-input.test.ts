import { beforeAll, expect, it } from "vitest";

import type { FactsInput } from "../domain/facts-input.js";
import type {
  CompanyRecord,
  MatomoUserRecord,
  MatomoVisitRecord,
  TicketRecord,
} from "../domain/records.js";
import type { Store } from "./store.js";
import { describeEachDatabase } from "./test-databases.js";

// 2026 is not a leap year: the 30 days before 1 March run from 30 January to 28 February.
const AS_OF = "2026-03-01";
const WINDOWS = { ticketWindowDays: 30, usageWindowDays: 30, featureCategory: "Feature" };

const DERRAS: CompanyRecord = {
  companyId: "9001",
  name: "Derras Real Estate",
  plan: "Basic",
  isDeleted: false,
};
const GONE: CompanyRecord = { companyId: "9002", name: "Gone Homes", isDeleted: true };
const KEYS: CompanyRecord = { companyId: "9003", name: "Keys & Co", contractEndDate: "2026-04-15" };

const TICKETS: TicketRecord[] = [
  { ticketId: "T-01-first-day", companyId: "9001", createdDate: "2026-01-30" },
  { ticketId: "T-02-day-before", companyId: "9001", createdDate: "2026-01-29" },
  { ticketId: "T-03-on-as-of", companyId: "9001", createdDate: "2026-03-01" },
  { ticketId: "T-04-last-day", createdDate: "2026-02-28" },
  { ticketId: "T-05-both-ways", companyId: "9001", createdDate: "2026-02-10" },
  { ticketId: "T-06-deleted", companyId: "9003", createdDate: "2026-02-10", isDeleted: true },
  { ticketId: "T-07-no-company", createdDate: "2026-02-11" },
];

const TICKET_COMPANIES = [
  { ticketId: "T-04-last-day", companyId: "9003" },
  { ticketId: "T-04-last-day", companyId: "9001" },
  { ticketId: "T-05-both-ways", companyId: "9001" },
  { ticketId: "T-05-both-ways", companyId: "9003" },
  { ticketId: "T-02-day-before", companyId: "9003" },
];

const LOGIN = { category: "Account", action: "login" };

function visit(
  visitId: string,
  userId: string | undefined,
  visitDate: string,
  events: MatomoVisitRecord["events"] = [],
): MatomoVisitRecord {
  // The instant is not read by the facts input: dates were fixed in the team's zone at import.
  return { visitId, userId, visitedAt: 1_767_225_600, visitDate, events };
}

const VISITS: MatomoVisitRecord[] = [
  visit("1:1", "u1", "2026-01-29", [LOGIN, { category: "Feature", action: "Old" }]),
  visit("1:2", "u1", "2026-01-30", [LOGIN, LOGIN]),
  visit("1:3", "u1", "2026-02-28", [
    { category: "Feature", action: "Reports", name: "weekly" },
    { category: "Feature", action: "Listings" },
    { category: "Feature", action: "Listings" },
    { category: "Settings", action: "Profile" },
  ]),
  visit("1:4", "u1", "2026-03-01", [LOGIN, { category: "Feature", action: "Export" }]),
  visit("1:5", "u2", "2026-01-10", [{ category: "Feature", action: "Listings" }]),
  visit("1:6", "u3", "2026-03-02", [LOGIN]),
  visit("1:7", undefined, "2026-02-01"),
  visit("1:8", undefined, "2026-01-29"),
  visit("2:1", "u2", "2026-02-15", [{ category: "Features", action: "Almost" }]),
];

const AGGREGATES_BEFORE: MatomoUserRecord = {
  userId: "agg-1",
  exportedOn: "2026-02-20",
  lastLoginDate: "2026-02-18",
  logins30d: 4,
};
const AGGREGATES_ON_AS_OF: MatomoUserRecord = {
  userId: "agg-2",
  exportedOn: "2026-03-01",
  lastLoginDate: "never",
  logins30d: 0,
};
const AGGREGATES_AFTER: MatomoUserRecord = { userId: "agg-3", exportedOn: "2026-03-02" };

async function seed(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    const record = async (
      source: "hubspot" | "stripe" | "matomo",
      status: "imported" | "failed",
      dataAsOf?: number,
    ) => {
      const id = await tx.beginImport({ file: `${source}.csv`, startedAt: 1_772_000_000, source });
      const counts = { rowsRead: 1, rowsImported: 1, rowsRejected: 0 };
      await tx.finishImport(id, { status, finishedAt: 1_772_000_000, dataAsOf, ...counts });
      return id;
    };
    const hubspot = await record("hubspot", "imported", 1_771_000_000);
    await record("hubspot", "imported", 1_772_200_000);
    await record("hubspot", "failed", 1_779_999_999);
    const stripe = await record("stripe", "imported", 1_771_500_000);
    await record("stripe", "imported");
    const matomo = await record("matomo", "imported");

    await tx.upsertRecords("hubspot_companies", [DERRAS, GONE, KEYS], hubspot);
    await tx.upsertRecords("hubspot_owners", [{ ownerId: "o1", name: "Alex Morgan" }], hubspot);
    await tx.upsertRecords("hubspot_tickets", TICKETS, hubspot);
    await tx.upsertRecords("hubspot_ticket_companies", TICKET_COMPANIES, hubspot);
    await tx.upsertRecords(
      "stripe_customers",
      [
        { customerId: "cus_1", hubspotCompanyId: "9001" },
        { customerId: "cus_2", isDeleted: true },
      ],
      stripe,
    );
    await tx.upsertRecords(
      "stripe_subscriptions",
      [{ subscriptionId: "sub_1", customerId: "cus_1", status: "active" }],
      stripe,
    );
    const invoice = { customerId: "cus_1", attempted: true, attemptCount: 1, createdAt: 1 };
    await tx.upsertRecords(
      "stripe_invoices",
      [
        { ...invoice, invoiceId: "in_1", status: "open", amountRemaining: 4900 },
        { ...invoice, invoiceId: "in_2", status: "paid", amountRemaining: 0 },
        {
          ...invoice,
          invoiceId: "in_3",
          status: "open",
          amountRemaining: 100,
          dueDate: "2026-02-01",
        },
      ],
      stripe,
    );
    await tx.upsertRecords("matomo_visits", VISITS, matomo);
    await tx.upsertRecords(
      "matomo_users",
      [AGGREGATES_BEFORE, AGGREGATES_ON_AS_OF, AGGREGATES_AFTER],
      matomo,
    );
    await tx.addCoveredDays(matomo, ["2026-03-01", "2026-01-29", "2026-02-28", "2026-02-27"]);
  });
}

describeEachDatabase("loadFactsInput", (testDatabase) => {
  beforeAll(() => seed(testDatabase.store));

  it("loads every record the facts builder reads, windowed to the days before asOf", async () => {
    const input = await testDatabase.store.loadFactsInput(AS_OF, WINDOWS);

    expect(input).toEqual({
      asOf: AS_OF,
      matomoAsOf: AS_OF,
      // Only the live companies, without the deletion flag: the query already answered it.
      companies: [{ companyId: "9001", name: "Derras Real Estate", plan: "Basic" }, KEYS],
      owners: [{ ownerId: "o1", name: "Alex Morgan" }],
      recentTickets: [
        { ticketId: "T-01-first-day", companyIds: ["9001"], createdDate: "2026-01-30" },
        { ticketId: "T-04-last-day", companyIds: ["9001", "9003"], createdDate: "2026-02-28" },
        { ticketId: "T-05-both-ways", companyIds: ["9001", "9003"], createdDate: "2026-02-10" },
        { ticketId: "T-07-no-company", companyIds: [], createdDate: "2026-02-11" },
      ],
      stripeCustomers: [
        { customerId: "cus_1", hubspotCompanyId: "9001" },
        { customerId: "cus_2", isDeleted: true },
      ],
      stripeSubscriptions: [{ subscriptionId: "sub_1", customerId: "cus_1", status: "active" }],
      openInvoices: [
        expect.objectContaining({ invoiceId: "in_1", amountRemaining: 4900 }),
        expect.objectContaining({ invoiceId: "in_3", dueDate: "2026-02-01" }),
      ],
      matomoActivity: [
        {
          userId: "u1",
          lastLoginDate: "2026-02-28",
          loginsInWindow: 2,
          featuresInWindow: ["Listings", "Reports"],
        },
        { userId: "u2", lastLoginDate: "2026-02-15", loginsInWindow: 1, featuresInWindow: [] },
      ],
      matomoUserAggregates: [AGGREGATES_BEFORE, AGGREGATES_ON_AS_OF],
      matomoVisitsInWindow: { total: 4, withoutUserId: 1 },
      matomoCoveredDays: ["2026-01-29", "2026-02-27", "2026-02-28"],
      sources: {
        hubspot: { newestDataAt: 1_772_200_000 },
        stripe: { newestDataAt: 1_771_500_000 },
        matomo: {},
      },
    } satisfies FactsInput);
  });

  it("counts a visit on asOf−30, not on asOf−31 nor on asOf", async () => {
    const input = await testDatabase.store.loadFactsInput(AS_OF, WINDOWS);
    const u1 = input.matomoActivity.find((activity) => activity.userId === "u1");

    // u1 visited on 29 Jan (asOf−31), 30 Jan (asOf−30), 28 Feb (asOf−1) and 1 Mar (asOf).
    expect(u1?.loginsInWindow).toBe(2);
    expect(u1?.lastLoginDate).toBe("2026-02-28");
  });

  it("moves every window with asOf", async () => {
    const input = await testDatabase.store.loadFactsInput("2026-03-02", WINDOWS);

    expect(input.recentTickets.map((ticket) => ticket.ticketId)).toEqual([
      "T-03-on-as-of",
      "T-04-last-day",
      "T-05-both-ways",
      "T-07-no-company",
    ]);
    expect(input.matomoActivity).toEqual([
      {
        userId: "u1",
        lastLoginDate: "2026-03-01",
        loginsInWindow: 2,
        featuresInWindow: ["Export", "Listings", "Reports"],
      },
      { userId: "u2", lastLoginDate: "2026-02-15", loginsInWindow: 1, featuresInWindow: [] },
    ]);
    expect(input.matomoCoveredDays).toEqual([
      "2026-01-29",
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
    expect(input.matomoUserAggregates.map((user) => user.userId)).toEqual([
      "agg-1",
      "agg-2",
      "agg-3",
    ]);
  });

  it("counts Matomo to the day after its newest covered day, as a weekly export is read", async () => {
    // Covered up to 1 March; evaluated on 5 March: Matomo's window stays where its data ends.
    const later = await testDatabase.store.loadFactsInput("2026-03-05", WINDOWS);
    const onData = await testDatabase.store.loadFactsInput("2026-03-02", WINDOWS);

    expect(later.matomoAsOf).toBe("2026-03-02");
    expect(later.matomoActivity).toEqual(onData.matomoActivity);
    expect(later.matomoVisitsInWindow).toEqual(onData.matomoVisitsInWindow);
  });

  it("uses its own window for tickets", async () => {
    const input = await testDatabase.store.loadFactsInput(AS_OF, {
      ...WINDOWS,
      ticketWindowDays: 18,
    });

    // 18 days before 1 March: 11 to 28 February.
    expect(input.recentTickets.map((ticket) => ticket.ticketId)).toEqual([
      "T-04-last-day",
      "T-07-no-company",
    ]);
    expect(input.matomoVisitsInWindow).toEqual({ total: 4, withoutUserId: 1 });
  });

  it("counts configured login events instead of identified visits", async () => {
    const input = await testDatabase.store.loadFactsInput(AS_OF, { ...WINDOWS, loginEvent: LOGIN });

    // u1's login events: one on 29 Jan (outside), two on 30 Jan (inside), one on asOf (not read).
    // u2 has visits but no login event: known to Matomo, zero logins, no last login.
    expect(input.matomoActivity).toEqual([
      {
        userId: "u1",
        lastLoginDate: "2026-01-30",
        loginsInWindow: 2,
        featuresInWindow: ["Listings", "Reports"],
      },
      { userId: "u2", loginsInWindow: 0, featuresInWindow: [] },
    ]);
  });

  it("reads features from the configured category only", async () => {
    const input = await testDatabase.store.loadFactsInput(AS_OF, {
      ...WINDOWS,
      featureCategory: "Features",
    });

    expect(
      input.matomoActivity.map(({ userId, featuresInWindow }) => ({ userId, featuresInWindow })),
    ).toEqual([
      { userId: "u1", featuresInWindow: [] },
      { userId: "u2", featuresInWindow: ["Almost"] },
    ]);
  });
});

describeEachDatabase("loadFactsInput on an empty database", (testDatabase) => {
  it("returns empty lists and no source data", async () => {
    expect(await testDatabase.store.loadFactsInput(AS_OF, WINDOWS)).toEqual({
      asOf: AS_OF,
      matomoAsOf: AS_OF,
      companies: [],
      owners: [],
      recentTickets: [],
      stripeCustomers: [],
      stripeSubscriptions: [],
      openInvoices: [],
      matomoActivity: [],
      matomoUserAggregates: [],
      matomoVisitsInWindow: { total: 0, withoutUserId: 0 },
      matomoCoveredDays: [],
      sources: { hubspot: {}, stripe: {}, matomo: {} },
    });
  });
});
