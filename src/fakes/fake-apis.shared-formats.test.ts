import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSampleBusiness, TEST_CREDENTIALS, TEST_SECRETS } from "./fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "./start-fake-apis.js";

// The fakes must answer in the vendors' own shapes: every field they serve exists in the real
// samples (Stripe's OpenAPI fixtures of both API versions, Matomo's system-test answers).
const formats = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/formats");

type Json = Record<string, unknown>;

describe.skipIf(!existsSync(formats))("the fakes against the vendors' samples", () => {
  let fakes: RunningFakeApis;

  beforeAll(async () => {
    const business = createSampleBusiness({ companies: 2 });
    business.subscriptions = [
      {
        subscriptionId: "sub_1",
        customerId: "cus_000001",
        status: "active",
        currentPeriodEnd: "2027-01-02",
      },
    ];
    business.invoices = [
      {
        invoiceId: "in_1",
        customerId: "cus_000001",
        subscriptionId: "sub_1",
        status: "open",
        amountRemaining: 9900,
        attempted: true,
        attemptCount: 1,
        createdAt: 1_795_000_000,
      },
    ];
    // The sample's site is at UTC−12 and its visit 3 ends at 1265047200 (2010-02-01 18:00 UTC).
    business.matomo = {
      siteId: 1,
      timeZone: "-12:00",
      visits: [
        {
          visitId: "1:3",
          userId: undefined,
          visitedAt: 1_265_047_200,
          visitDate: "2010-02-01",
          events: [{ category: "Movie", action: "play" }],
        },
      ],
    };
    fakes = await startFakeApis({ business, credentials: TEST_CREDENTIALS });
  });
  afterAll(() => fakes.close());

  async function stripe(path: string, version: string): Promise<Json> {
    const response = await fetch(`${fakes.url}${path}`, {
      headers: { authorization: `Bearer ${TEST_SECRETS.stripe}`, "stripe-version": version },
    });
    return ((await response.json()) as { data: Json[] }).data[0] ?? {};
  }

  function fixture(file: string, resource: string): Json {
    const all = JSON.parse(readFileSync(join(formats, "stripe", file), "utf8")) as {
      resources: Record<string, Json>;
    };
    return all.resources[resource] ?? {};
  }

  /** Fields of `served` the sample lacks, or holds with a value of another JSON type. */
  function foreignFields(served: Json, sample: Json): string[] {
    return Object.entries(served).flatMap(([key, value]) => {
      if (!(key in sample)) return [key];
      const expected = sample[key];
      const bothTyped = value !== null && expected !== null && expected !== undefined;
      return bothTyped && typeof value !== typeof expected ? [`${key}: ${typeof value}`] : [];
    });
  }

  it.each([
    ["2024-06-20", "pre-2025-03-31/fixtures3.json"],
    ["2025-03-31.basil", "fixtures3.json"],
  ])("serves Stripe objects of version %s in that version's shape", async (version, file) => {
    const customer = await stripe("/v1/customers", version);
    const subscription = await stripe("/v1/subscriptions", version);
    const invoice = await stripe("/v1/invoices", version);
    const item = (subscription.items as { data: Json[] }).data[0] ?? {};
    const sampleSubscription = fixture(file, "subscription");
    const sampleItem = (sampleSubscription.items as { data: Json[] }).data[0] ?? {};

    expect(foreignFields(customer, fixture(file, "customer"))).toEqual([]);
    expect(foreignFields(subscription, sampleSubscription)).toEqual([]);
    expect(foreignFields(item, sampleItem)).toEqual([]);
    expect(foreignFields(invoice, fixture(file, "invoice"))).toEqual([]);
    // Where the period lives is exactly the difference between the two shapes.
    expect("current_period_end" in subscription).toBe("current_period_end" in sampleSubscription);
    expect("current_period_end" in item).toBe("current_period_end" in sampleItem);
  });

  it("serves Matomo visits with the Live API's fields, the action time shifted as Matomo shifts it", async () => {
    const response = await fetch(`${fakes.url}/index.php`, {
      method: "POST",
      body: new URLSearchParams({
        module: "API",
        method: "Live.getLastVisitsDetails",
        idSite: "1",
        period: "day",
        date: "2010-02-01",
        format: "JSON",
        filter_sort_order: "asc",
        token_auth: TEST_SECRETS.matomo,
      }),
    });
    const [visit] = (await response.json()) as Json[];
    const samples = [
      "test_utcMinus__Live.getVisitorProfile.xml",
      "test_CustomEvents__Live.getLastVisitsDetails_day.xml",
      "test_UserId_VisitorId__Live.getLastVisitsDetails_month.xml",
    ].map((name) => readFileSync(join(formats, "matomo", name), "utf8"));
    const elements = new Set(
      samples.flatMap((xml) => [...xml.matchAll(/<(\w+)[\s/>]/g)].map((m) => m[1])),
    );

    const fields = [
      ...Object.keys(visit ?? {}),
      ...Object.keys((visit?.actionDetails as Json[])[0] ?? {}),
    ];
    expect(fields.filter((field) => !elements.has(field))).toEqual([]);
    const utcMinus = samples[0] ?? "";
    expect(String(visit?.lastActionTimestamp)).toBe(
      /<lastActionTimestamp>(\d+)</.exec(utcMinus)?.[1],
    );
    // Visit 3's action: "2010-02-01 06:00" local, written as if it were UTC.
    expect(String((visit?.actionDetails as Json[])[0]?.timestamp)).toBe(
      /<timestamp>(\d+)</.exec(utcMinus)?.[1],
    );
  });
});
