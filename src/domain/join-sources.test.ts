import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import type { FactsSettings, JoinSettings, MatomoUserIdRule } from "./facts-settings.js";
import { joinSources, type JoinInput } from "./join-sources.js";
import type { CompanyRecord, StripeCustomerRecord } from "./records.js";

const FREE_MAIL = ["gmail.com", "hotmail.com", "gmx.de", "web.de"];

function settingsWith(join: Partial<JoinSettings> = {}): Pick<FactsSettings, "join"> {
  return {
    join: {
      stripeByEmailDomain: true,
      matomoUserId: "company_id_or_email_domain",
      freeMailDomains: FREE_MAIL,
      ...join,
    },
  };
}

function company(companyId: string, fields: Partial<CompanyRecord> = {}): CompanyRecord {
  return { companyId, name: `Agency ${companyId}`, ...fields };
}

function customer(customerId: string, fields: Partial<StripeCustomerRecord> = {}) {
  return { customerId, ...fields };
}

function joinInput(fields: Partial<JoinInput>): JoinInput {
  return {
    companies: [],
    stripeCustomers: [],
    matomoActivity: [],
    matomoUserAggregates: [],
    matomoVisitsInWindow: { total: 0, withoutUserId: 0 },
    ...fields,
  };
}

const agencies = [
  company("101", { domain: "derras.fr", stripeCustomerId: "cus_stored" }),
  company("102", { domain: "keller-immo.de" }),
  // Two offices of one brand that HubSpot keeps apart: their domain names neither.
  company("103", { domain: "brand.com" }),
  company("104", { domain: "www.brand.com" }),
  // A one-person agency whose HubSpot domain is the owner's mailbox provider.
  company("105", { domain: "gmail.com" }),
  company("106", { domain: "shared-id.fr", stripeCustomerId: "cus_twice" }),
  company("107", { stripeCustomerId: "cus_twice" }),
];

describe("joinSources: Stripe customers", () => {
  it.each([
    ["metadata id", customer("cus_1", { hubspotCompanyId: "102" }), "102", "metadata"],
    [
      "metadata id with spaces",
      customer("cus_1", { hubspotCompanyId: " 102 " }),
      "102",
      "metadata",
    ],
    [
      "metadata beats a domain naming another company",
      customer("cus_1", { hubspotCompanyId: "102", email: "a@derras.fr" }),
      "102",
      "metadata",
    ],
    ["id stored on the company", customer("cus_stored"), "101", "company_stripe_id"],
    [
      "stored id beats a domain naming another company",
      customer("cus_stored", { email: "x@keller-immo.de" }),
      "101",
      "company_stripe_id",
    ],
    ["e-mail domain", customer("cus_1", { email: "anna@keller-immo.de" }), "102", "email_domain"],
    [
      "upper-case e-mail",
      customer("cus_1", { email: "ANNA@Keller-Immo.DE" }),
      "102",
      "email_domain",
    ],
    [
      "www. in the e-mail",
      customer("cus_1", { email: "anna@www.keller-immo.de" }),
      "102",
      "email_domain",
    ],
  ])("%s", (_, stripeCustomer, companyId, via) => {
    const join = joinSources(
      joinInput({ companies: agencies, stripeCustomers: [stripeCustomer] }),
      settingsWith(),
    );

    expect(join.links.get(companyId)?.stripeCustomerIds).toEqual([stripeCustomer.customerId]);
    expect(join.report.stripe.matchedBy).toEqual({ [via]: 1 });
    expect(join.report.stripe.unmatched).toEqual([]);
    expect(join.report.stripe.ambiguous).toEqual([]);
  });

  it.each([
    [
      "metadata naming a company that does not exist, even with a matching domain",
      customer("cus_1", { hubspotCompanyId: "999", email: "anna@keller-immo.de" }),
      "metadata_company_missing",
    ],
    ["a free-mail address", customer("cus_1", { email: "anna@gmail.com" }), "free_mail_domain"],
    [
      "a free-mail address in upper case",
      customer("cus_1", { email: "Anna@GMX.de" }),
      "free_mail_domain",
    ],
    [
      "a domain no company has",
      customer("cus_1", { email: "anna@elsewhere.fr" }),
      "no_company_with_domain",
    ],
    ["no key at all", customer("cus_1"), "no_key"],
    ["an e-mail without a domain", customer("cus_1", { email: "anna" }), "not_an_email"],
  ])("lists %s as matching nothing", (_, stripeCustomer, reason) => {
    const join = joinSources(
      joinInput({ companies: agencies, stripeCustomers: [stripeCustomer] }),
      settingsWith(),
    );

    expect(join.report.stripe.unmatched).toEqual([
      { id: "cus_1", reason, message: expect.any(String) },
    ]);
    expect([...join.links.values()].flatMap((links) => links.stripeCustomerIds)).toEqual([]);
  });

  it("says which company a metadata id names when it does not exist", () => {
    const join = joinSources(
      joinInput({
        companies: agencies,
        stripeCustomers: [customer("cus_1", { hubspotCompanyId: "999" })],
      }),
      settingsWith(),
    );

    expect(join.report.stripe.unmatched[0]?.message).toContain("HubSpot company 999");
  });

  it.each([
    [
      "a domain two companies share (one written www.)",
      customer("cus_1", { email: "x@brand.com" }),
      ["103", "104"],
      "email_domain",
    ],
    [
      "an id stored on two companies",
      customer("cus_twice", { email: "x@keller-immo.de" }),
      ["106", "107"],
      "company_stripe_id",
    ],
  ])("lists %s as ambiguous and uses it nowhere", (_, stripeCustomer, companyIds, via) => {
    const join = joinSources(
      joinInput({ companies: agencies, stripeCustomers: [stripeCustomer] }),
      settingsWith(),
    );

    expect(join.report.stripe.ambiguous).toEqual([
      { id: stripeCustomer.customerId, companyIds, via },
    ]);
    expect([...join.links.values()].flatMap((links) => links.stripeCustomerIds)).toEqual([]);
  });

  it("never matches a company whose own domain is a free-mail domain", () => {
    const join = joinSources(
      joinInput({
        companies: agencies,
        stripeCustomers: [customer("cus_1", { email: "owner@gmail.com" })],
      }),
      settingsWith(),
    );

    expect(join.links.get("105")?.stripeCustomerIds).toEqual([]);
    expect(join.report.stripe.unmatched[0]?.reason).toBe("free_mail_domain");
  });

  it("matches by domain only when that is on", () => {
    const input = joinInput({
      companies: agencies,
      stripeCustomers: [
        customer("cus_1", { email: "anna@keller-immo.de" }),
        customer("cus_stored"),
      ],
    });
    const join = joinSources(input, settingsWith({ stripeByEmailDomain: false }));

    expect(join.report.stripe.unmatched.map((record) => [record.id, record.reason])).toEqual([
      ["cus_1", "no_key"],
    ]);
    expect(join.links.get("101")?.stripeCustomerIds).toEqual(["cus_stored"]);
  });

  it("gives one company all of its Stripe customers", () => {
    const input = joinInput({
      companies: agencies,
      stripeCustomers: [
        customer("cus_a", { hubspotCompanyId: "102" }),
        customer("cus_b", { email: "billing@keller-immo.de" }),
        customer("cus_c", { email: "ceo@keller-immo.de" }),
      ],
    });

    expect(joinSources(input, settingsWith()).links.get("102")?.stripeCustomerIds).toEqual([
      "cus_a",
      "cus_b",
      "cus_c",
    ]);
  });

  it("leaves deleted Stripe customers out and counts them", () => {
    const input = joinInput({
      companies: agencies,
      stripeCustomers: [customer("cus_1", { hubspotCompanyId: "102", isDeleted: true })],
    });
    const join = joinSources(input, settingsWith());

    expect(join.links.get("102")?.stripeCustomerIds).toEqual([]);
    expect(join.report.stripe).toMatchObject({ records: 0, deletedIgnored: 1, unmatched: [] });
  });

  it("lists a customer whose metadata and a company's stored id disagree", () => {
    const input = joinInput({
      companies: agencies,
      stripeCustomers: [customer("cus_stored", { hubspotCompanyId: "102" })],
    });
    const join = joinSources(input, settingsWith());

    expect(join.links.get("102")?.stripeCustomerIds).toEqual(["cus_stored"]);
    expect(join.report.stripe.conflicts).toEqual([
      { customerId: "cus_stored", companyId: "102", alsoStoredOn: ["101"] },
    ]);
  });

  it("lists companies with no Stripe customer, saying when a stored id was never imported", () => {
    const input = joinInput({
      companies: [
        company("101", { stripeCustomerId: "cus_gone" }),
        company("102", { domain: "keller-immo.de" }),
      ],
      stripeCustomers: [customer("cus_1", { email: "a@keller-immo.de" })],
    });

    expect(joinSources(input, settingsWith()).report.companiesWithoutStripe).toEqual([
      {
        companyId: "101",
        name: "Agency 101",
        note: "stores Stripe customer cus_gone, which was not imported",
      },
    ]);
  });
});

describe("joinSources: Matomo user ids", () => {
  const users = [
    "101",
    "anna@keller-immo.de",
    "ANNA@WWW.KELLER-IMMO.DE",
    "bob@gmail.com",
    "x@brand.com",
    "42",
    "carl@nowhere.fr",
  ];
  const input = joinInput({
    companies: agencies,
    matomoActivity: users.map((userId) => ({ userId, loginsInWindow: 1, featuresInWindow: [] })),
  });

  it.each<[MatomoUserIdRule, Record<string, string[]>, Record<string, string>]>([
    [
      "company_id",
      { "101": ["101"] },
      {
        "42": "no_company_with_id",
        "anna@keller-immo.de": "no_company_with_id",
        "ANNA@WWW.KELLER-IMMO.DE": "no_company_with_id",
        "bob@gmail.com": "no_company_with_id",
        "x@brand.com": "no_company_with_id",
        "carl@nowhere.fr": "no_company_with_id",
      },
    ],
    [
      "email_domain",
      { "102": ["ANNA@WWW.KELLER-IMMO.DE", "anna@keller-immo.de"] },
      {
        "101": "not_an_email",
        "42": "not_an_email",
        "bob@gmail.com": "free_mail_domain",
        "carl@nowhere.fr": "no_company_with_domain",
      },
    ],
    [
      "company_id_or_email_domain",
      { "101": ["101"], "102": ["ANNA@WWW.KELLER-IMMO.DE", "anna@keller-immo.de"] },
      {
        "42": "not_an_email",
        "bob@gmail.com": "free_mail_domain",
        "carl@nowhere.fr": "no_company_with_domain",
      },
    ],
  ])("by rule %s", (rule, matched, unmatched) => {
    const join = joinSources(input, settingsWith({ matomoUserId: rule }));
    const linked = Object.fromEntries(
      [...join.links]
        .filter(([, links]) => links.matomoUserIds.length > 0)
        .map(([id, links]) => [id, links.matomoUserIds]),
    );

    expect(linked).toEqual(matched);
    expect(
      Object.fromEntries(join.report.matomo.unmatched.map((record) => [record.id, record.reason])),
    ).toEqual(unmatched);
    const ambiguous =
      rule === "company_id"
        ? []
        : [{ id: "x@brand.com", companyIds: ["103", "104"], via: "email_domain" }];
    expect(join.report.matomo.ambiguous).toEqual(ambiguous);
  });

  it("takes user ids from the aggregates as well as the visits log, each once", () => {
    const join = joinSources(
      joinInput({
        companies: agencies,
        matomoActivity: [{ userId: "101", loginsInWindow: 2, featuresInWindow: [] }],
        matomoUserAggregates: [
          { userId: "101", exportedOn: "2026-11-30" },
          { userId: "anna@keller-immo.de", exportedOn: "2026-11-30" },
        ],
      }),
      settingsWith(),
    );

    expect(join.links.get("101")?.matomoUserIds).toEqual(["101"]);
    expect(join.links.get("102")?.matomoUserIds).toEqual(["anna@keller-immo.de"]);
    expect(join.report.matomo.records).toBe(2);
  });

  it.each<[MatomoUserIdRule, string, boolean]>([
    ["email_domain", "102", true],
    ["email_domain", "103", false],
    ["email_domain", "105", false],
    ["email_domain", "107", false],
    ["company_id", "107", true],
    ["company_id_or_email_domain", "105", true],
  ])("under %s, whether company %s can be named by a user id: %s", (rule, companyId, matchable) => {
    const join = joinSources(
      joinInput({ companies: agencies }),
      settingsWith({ matomoUserId: rule }),
    );

    expect(join.links.get(companyId)?.matomoMatchable).toBe(matchable);
    const listed = join.report.companiesWithoutMatomo.find(
      (entry) => entry.companyId === companyId,
    );
    expect(listed?.note === undefined).toBe(matchable);
  });

  it.each([
    [{ total: 200, withoutUserId: 50 }, 0.25],
    [{ total: 10, withoutUserId: 0 }, 0],
    [{ total: 0, withoutUserId: 0 }, undefined],
  ])("reports unattributed visits %j as share %s", (visits, share) => {
    const join = joinSources(joinInput({ matomoVisitsInWindow: visits }), settingsWith());

    expect(join.report.unattributedVisits).toEqual({
      count: visits.withoutUserId,
      total: visits.total,
      share,
    });
  });
});

const formats = fileURLToPath(new URL("../../../shared/formats/", import.meta.url));

describe.skipIf(!existsSync(formats))("joinSources on the vendors' own sample records", () => {
  it("joins the user ids of Matomo's User-ID test visits by e-mail domain", () => {
    const xml = readFileSync(
      `${formats}matomo/test_UserId_VisitorId__Live.getLastVisitsDetails_month.xml`,
      "utf8",
    );
    const visitUserIds = [...xml.matchAll(/<userId>([^<]*)<\/userId>|<userId \/>/g)].map(
      (m) => m[1] ?? "",
    );
    const identified = visitUserIds.filter((id) => id !== "");

    const join = joinSources(
      joinInput({
        companies: [company("201", { domain: "example.com" })],
        matomoActivity: [...new Set(identified)].map((userId) => ({
          userId,
          loginsInWindow: 1,
          featuresInWindow: [],
        })),
        matomoVisitsInWindow: {
          total: visitUserIds.length,
          withoutUserId: visitUserIds.length - identified.length,
        },
      }),
      settingsWith({ matomoUserId: "email_domain" }),
    );

    expect(join.links.get("201")?.matomoUserIds).toEqual([
      "email@example.com",
      "new-email@example.com",
    ]);
    // `one-weeklater` has no dot: the id looks like an address but names no domain.
    expect(join.report.matomo.unmatched).toEqual([
      { id: "new-user-id@one-weeklater", reason: "not_an_email", message: expect.any(String) },
    ]);
    expect(join.report.unattributedVisits).toEqual({ count: 3, total: 8, share: 3 / 8 });
  });

  it("lists Stripe's sample customer, which has no e-mail and no metadata, as matching nothing", () => {
    const fixtures = JSON.parse(readFileSync(`${formats}stripe/fixtures3.json`, "utf8")) as {
      resources: {
        customer: { id: string; email: string | null; metadata: Record<string, string> };
      };
    };
    const sample = fixtures.resources.customer;

    const join = joinSources(
      joinInput({
        companies: [company("201", { domain: "example.com" })],
        stripeCustomers: [
          customer(sample.id, {
            email: sample.email ?? undefined,
            hubspotCompanyId: sample.metadata["hubspot_company_id"],
          }),
        ],
      }),
      settingsWith(),
    );

    expect(join.report.stripe.unmatched.map((record) => [record.id, record.reason])).toEqual([
      [sample.id, "no_key"],
    ]);
  });
});
