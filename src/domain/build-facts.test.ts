import { describe, expect, it } from "vitest";

import { buildFacts } from "./build-facts.js";
import { listDays } from "./add-days.js";
import type { CalendarDate } from "./dates.js";
import type { FactsInput } from "./facts-input.js";
import type { FactsSettings } from "./facts-settings.js";
import { joinSources } from "./join-sources.js";
import type { CompanyRecord, SourceName, StripeSubscriptionRecord } from "./records.js";

const AS_OF = "2026-12-03";

/** Unix seconds of an ISO instant. */
const at = (instant: string) => Date.parse(instant) / 1000;

function settingsWith(fields: Partial<FactsSettings> = {}): FactsSettings {
  return {
    timeZone: "Europe/London",
    preset: "three_sources",
    windows: { support_tickets_days: 30, usage_days: 30 },
    maxAgeDays: { hubspot: 2, stripe: 2, matomo: 8 },
    join: {
      stripeByEmailDomain: true,
      matomoUserId: "company_id_or_email_domain",
      freeMailDomains: ["gmail.com"],
    },
    ...fields,
  };
}

const derras: CompanyRecord = {
  companyId: "101",
  name: "Derras Real Estate",
  domain: "derras.fr",
  ownerId: "o1",
  plan: "Standard",
  contractEndDate: "2027-01-15",
  accountStartDate: "2024-03-01",
};

function subscription(
  id: string,
  customerId: string,
  status: StripeSubscriptionRecord["status"],
  startDate: CalendarDate,
): StripeSubscriptionRecord {
  return { subscriptionId: id, customerId, status, startDate };
}

/** Fresh data from all three sources (age 1, 1 and 3 days in London) and a covered window. */
function inputWith(fields: Partial<FactsInput> = {}): FactsInput {
  return {
    asOf: AS_OF,
    matomoAsOf: AS_OF,
    companies: [derras],
    owners: [{ ownerId: "o1", name: "Alex Morgan" }],
    recentTickets: [],
    stripeCustomers: [{ customerId: "cus_a", hubspotCompanyId: "101" }],
    stripeSubscriptions: [subscription("sub_a", "cus_a", "active", "2024-03-05")],
    openInvoices: [],
    matomoActivity: [
      {
        userId: "101",
        lastLoginDate: "2026-12-01",
        loginsInWindow: 9,
        featuresInWindow: ["search", "export", "listing"],
      },
    ],
    matomoUserAggregates: [],
    matomoVisitsInWindow: { total: 40, withoutUserId: 4 },
    matomoCoveredDays: listDays("2026-11-01", "2026-12-02"),
    sources: {
      hubspot: { newestDataAt: at("2026-12-02T18:00:00Z") },
      stripe: { newestDataAt: at("2026-12-02T06:00:00Z") },
      matomo: { newestDataAt: at("2026-11-30T22:00:00Z") },
    },
    ...fields,
  };
}

function build(input: FactsInput, settings = settingsWith()) {
  return buildFacts(input, joinSources(input, settings), settings);
}

function onlyRow(input: FactsInput, settings = settingsWith()) {
  const [row, ...others] = build(input, settings).customers;
  expect(others).toEqual([]);
  if (row === undefined) throw new Error("no row built");
  return row;
}

describe("buildFacts", () => {
  it("reads a weekly Matomo export all week: counts to its date, inactivity to today", () => {
    // Visits cover 1 Nov to 28 Nov (a weekly export made on Sunday 29 Nov); the run is on 3 Dec.
    const row = onlyRow(
      inputWith({
        matomoAsOf: "2026-11-29",
        matomoCoveredDays: listDays("2026-10-20", "2026-11-28"),
        matomoActivity: [
          {
            userId: "101",
            lastLoginDate: "2026-11-20",
            loginsInWindow: 9,
            featuresInWindow: ["search", "export", "listing"],
          },
        ],
        sources: {
          hubspot: { newestDataAt: at("2026-12-02T18:00:00Z") },
          stripe: { newestDataAt: at("2026-12-02T06:00:00Z") },
          matomo: { newestDataAt: at("2026-11-29T00:00:00Z") },
        },
      }),
    );

    expect(row.facts.logins30d).toBe(9);
    expect(row.facts.featuresUsed30d).toBe(3);
    expect(row.facts.lastLogin).toEqual({ kind: "date", date: "2026-11-20" });
  });

  it("builds every fact of a customer joined to all three sources", () => {
    const result = build(inputWith());

    expect(result.customers).toEqual([
      {
        facts: {
          customerId: "101",
          name: "Derras Real Estate",
          plan: "Standard",
          contractEndDate: "2027-01-15",
          accountStartDate: "2024-03-01",
          supportTickets: 0,
          paymentFailed: false,
          lastLogin: { kind: "date", date: "2026-12-01" },
          logins30d: 9,
          featuresUsed30d: 3,
        },
        ownerId: "o1",
        ownerName: "Alex Morgan",
        domain: "derras.fr",
        stripeCustomerIds: ["cus_a"],
        matomoUserIds: ["101"],
        notes: [],
      },
    ]);
    expect(result.sources.map((status) => [status.source, status.state, status.ageDays])).toEqual([
      ["hubspot", "fresh", 1],
      ["stripe", "fresh", 1],
      ["matomo", "fresh", 3],
    ]);
  });

  it("counts each ticket of the company in the window once", () => {
    const input = inputWith({
      companies: [derras, { companyId: "102", name: "Keller Immobilien" }],
      recentTickets: [
        { ticketId: "t1", companyIds: ["101"], createdDate: "2026-11-03" },
        { ticketId: "t2", companyIds: ["101", "102"], createdDate: "2026-11-20" },
        { ticketId: "t3", companyIds: ["101", "101"], createdDate: "2026-12-02" },
        { ticketId: "t3", companyIds: ["101"], createdDate: "2026-12-02" },
        { ticketId: "t4", companyIds: ["102"], createdDate: "2026-11-10" },
      ],
    });

    const tickets = build(input).customers.map((row) => [
      row.facts.customerId,
      row.facts.supportTickets,
    ]);
    expect(tickets).toEqual([
      ["101", 3],
      ["102", 2],
    ]);
  });

  it.each<[string, CalendarDate | undefined, StripeSubscriptionRecord[], CalendarDate | undefined]>(
    [
      [
        "HubSpot's date first",
        "2024-03-01",
        [subscription("s1", "cus_a", "active", "2023-01-10")],
        "2024-03-01",
      ],
      [
        "else the earliest Stripe subscription that ever paid, canceled ones too",
        undefined,
        [
          subscription("s1", "cus_a", "active", "2024-06-01"),
          subscription("s2", "cus_a", "canceled", "2023-05-01"),
          subscription("s3", "cus_a", "incomplete_expired", "2022-01-01"),
          subscription("s4", "cus_a", "incomplete", "2022-02-01"),
        ],
        "2023-05-01",
      ],
      [
        "never from subscriptions whose first payment never went through",
        undefined,
        [subscription("s3", "cus_a", "incomplete_expired", "2022-01-01")],
        undefined,
      ],
    ],
  )("takes the account start from %s", (_, hubspotStart, subscriptions, expected) => {
    const input = inputWith({
      companies: [{ ...derras, accountStartDate: hubspotStart }],
      stripeSubscriptions: subscriptions,
    });

    expect(onlyRow(input).facts.accountStartDate).toBe(expected);
  });

  it("takes the Stripe account start from every Stripe customer of the company", () => {
    const input = inputWith({
      companies: [{ ...derras, accountStartDate: undefined }],
      stripeCustomers: [
        { customerId: "cus_a", hubspotCompanyId: "101" },
        { customerId: "cus_b", email: "ap@derras.fr" },
      ],
      stripeSubscriptions: [
        subscription("s1", "cus_a", "active", "2024-06-01"),
        subscription("s2", "cus_b", "past_due", "2023-09-12"),
      ],
    });
    const row = onlyRow(input);

    expect(row.stripeCustomerIds).toEqual(["cus_a", "cus_b"]);
    expect(row.facts.accountStartDate).toBe("2023-09-12");
    expect(row.facts.paymentFailed).toBe(true);
    expect(row.notes).toEqual(["Payment failed: subscription s2 is past_due"]);
  });

  it("says why the payment state is unknown", () => {
    const noMatch = onlyRow(
      inputWith({ stripeCustomers: [{ customerId: "cus_x", email: "x@elsewhere.fr" }] }),
    );
    const canceled = onlyRow(
      inputWith({ stripeSubscriptions: [subscription("s1", "cus_a", "canceled", "2024-01-01")] }),
    );

    expect(noMatch.facts.paymentFailed).toBeUndefined();
    expect(noMatch.notes).toEqual([
      "Payment state unknown: no Stripe customer matches this company",
    ]);
    expect(canceled.facts.paymentFailed).toBeUndefined();
    expect(canceled.notes).toEqual([
      "Payment state unknown: no active or trialing Stripe subscription; s1 is canceled",
    ]);
  });

  it("gives a company no Matomo user matches a known zero when the window is covered", () => {
    const row = onlyRow(inputWith({ matomoActivity: [] }));

    expect(row.facts).toMatchObject({
      lastLogin: { kind: "none_since", date: "2026-11-01" },
      logins30d: 0,
      featuresUsed30d: 0,
    });
    expect(row.notes).toEqual([
      "No Matomo user of this company was seen: the covered days count as no logins",
    ]);
  });

  it("leaves usage unknown for a company no e-mail user id can name", () => {
    const settings = settingsWith({
      join: { ...settingsWith().join, matomoUserId: "email_domain" },
    });
    const row = onlyRow(
      inputWith({ companies: [{ ...derras, domain: "gmail.com" }], matomoActivity: [] }),
      settings,
    );

    const { lastLogin, logins30d, featuresUsed30d } = row.facts;
    expect([lastLogin, logins30d, featuresUsed30d]).toEqual([undefined, undefined, undefined]);
    expect(row.notes).toEqual([
      "Usage unknown: no Matomo user id can name this company (no domain of its own)",
    ]);
  });

  it("takes the owner's name from the company, else from the owners list", () => {
    const input = inputWith({
      companies: [
        derras,
        { companyId: "102", name: "Keller", ownerName: "Sam Patel" },
        { companyId: "103", name: "Nord", ownerId: "o9" },
      ],
    });

    expect(build(input).customers.map((row) => [row.ownerId, row.ownerName])).toEqual([
      ["o1", "Alex Morgan"],
      [undefined, "Sam Patel"],
      ["o9", undefined],
    ]);
  });
});

describe("buildFacts: stale and missing sources", () => {
  const newest = (day: CalendarDate) => ({ newestDataAt: at(`${day}T12:00:00Z`) });
  const fresh = inputWith().sources;

  // Each row: the source, its newest data's date (undefined: never imported), whether its facts stay.
  it.each<[SourceName, CalendarDate | undefined, boolean]>([
    ["hubspot", "2026-12-01", true],
    ["hubspot", "2026-11-30", false],
    ["hubspot", undefined, false],
    ["stripe", "2026-12-01", true],
    ["stripe", "2026-11-30", false],
    ["stripe", undefined, false],
    ["matomo", "2026-11-25", true],
    ["matomo", "2026-11-24", false],
    ["matomo", undefined, false],
  ])("%s data from %s: facts kept %s", (source, day, kept) => {
    const input = inputWith({
      companies: [{ ...derras, accountStartDate: undefined }],
      sources: { ...fresh, [source]: day === undefined ? {} : newest(day) },
    });
    const { customers, sources } = build(input);
    const facts = customers[0]?.facts;

    const bySource = {
      hubspot: [facts?.plan, facts?.contractEndDate, facts?.supportTickets],
      // With no HubSpot start date, the account start comes from Stripe.
      stripe: [facts?.paymentFailed, facts?.accountStartDate],
      matomo: [facts?.lastLogin, facts?.logins30d, facts?.featuresUsed30d],
    };
    for (const [name, values] of Object.entries(bySource)) {
      const expectKnown = name !== source || kept;
      expect(
        values.every((value) => value !== undefined),
        name,
      ).toBe(expectKnown);
    }
    expect(facts?.name).toBe("Derras Real Estate");
    expect(sources.find((status) => status.source === source)?.state).toBe(
      day === undefined ? "missing" : kept ? "fresh" : "stale",
    );
  });

  it("falls back to the Stripe account start when HubSpot is stale", () => {
    const input = inputWith({ sources: { ...fresh, hubspot: newest("2026-11-20") } });

    expect(onlyRow(input).facts.accountStartDate).toBe("2024-03-05");
  });
});

describe("buildFacts: the HubSpot-only preset", () => {
  const settings = settingsWith({ preset: "hubspot_only" });
  const seedCompany: CompanyRecord = {
    ...derras,
    ticketCount: 4,
    paymentFailed: true,
    lastLoginDate: "2026-11-10",
    logins30d: 6,
    featuresUsed30d: 2,
  };

  it("takes every fact from the company's own properties and reads nothing else", () => {
    const input = inputWith({
      companies: [seedCompany],
      recentTickets: [{ ticketId: "t1", companyIds: ["101"], createdDate: "2026-11-20" }],
      sources: { hubspot: { newestDataAt: at("2026-12-02T18:00:00Z") }, stripe: {}, matomo: {} },
    });
    const result = build(input, settings);

    expect(result.customers[0]?.facts).toEqual({
      customerId: "101",
      name: "Derras Real Estate",
      plan: "Standard",
      contractEndDate: "2027-01-15",
      accountStartDate: "2024-03-01",
      supportTickets: 4,
      paymentFailed: true,
      lastLogin: { kind: "date", date: "2026-11-10" },
      logins30d: 6,
      featuresUsed30d: 2,
    });
    expect(result.customers[0]?.notes).toEqual([]);
    expect(result.sources.map((status) => status.source)).toEqual(["hubspot"]);
  });

  it.each([
    [{ lastLoginDate: "never" as const }, { kind: "never" }],
    [{ lastLoginDate: undefined }, undefined],
  ])("reads the last login property %j", (fields, lastLogin) => {
    const row = onlyRow(inputWith({ companies: [{ ...seedCompany, ...fields }] }), settings);

    expect(row.facts.lastLogin).toEqual(lastLogin);
  });

  it("leaves every fact unknown when the HubSpot export is stale", () => {
    const input = inputWith({
      companies: [seedCompany],
      sources: { ...inputWith().sources, hubspot: { newestDataAt: at("2026-11-29T12:00:00Z") } },
    });

    expect(onlyRow(input, settings).facts).toEqual({
      customerId: "101",
      name: "Derras Real Estate",
    });
  });
});
