import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { configSchema } from "../../config/config-schema.js";
import { CsopsError } from "../../errors.js";
import {
  createSampleBusiness,
  createTestRequests,
  TEST_CREDENTIALS,
  TEST_SECRETS,
} from "../../fakes/fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "../../fakes/start-fake-apis.js";
import { readImportSettingsOrFail } from "../../importers/import-settings.js";
import { readStripeObject } from "../../importers/read-stripe-object.js";
import type { RequestSettings } from "../request-settings.js";
import { createStripeApi } from "./create-stripe-api.js";
import type { StripeApi, StripeObject } from "./stripe-api.js";

const settings = readImportSettingsOrFail(configSchema.parse({}));
let fakes: RunningFakeApis;

beforeAll(async () => {
  const business = createSampleBusiness({ companies: 250 });
  business.subscriptions = [
    {
      subscriptionId: "sub_active",
      customerId: "cus_000001",
      status: "active",
      currentPeriodEnd: "2027-01-02",
      startDate: "2025-01-02",
      createdAt: 1_735_800_000,
    },
    {
      subscriptionId: "sub_canceled",
      customerId: "cus_000002",
      status: "canceled",
      canceledAt: 1_790_000_000,
      createdAt: 1_735_700_000,
    },
  ];
  business.invoices = [
    {
      invoiceId: "in_open",
      customerId: "cus_000001",
      subscriptionId: "sub_active",
      status: "open",
      amountRemaining: 14900,
      attempted: true,
      attemptCount: 2,
      dueDate: "2026-11-20",
      createdAt: 1_795_000_000,
    },
  ];
  fakes = await startFakeApis({ business, credentials: TEST_CREDENTIALS });
});
afterAll(() => fakes.close());
afterEach(() => {
  fakes.faults.length = 0;
  fakes.requests.length = 0;
});

function apiWith(
  options: { requests?: RequestSettings; apiKey?: string; apiVersion?: string } = {},
): StripeApi {
  return createStripeApi({
    apiKey: options.apiKey ?? TEST_SECRETS.stripe,
    baseUrl: new URL(fakes.url),
    apiVersion: options.apiVersion ?? "2025-03-31.basil",
    requests: options.requests ?? createTestRequests(),
  });
}

async function collect(objects: AsyncIterable<StripeObject>): Promise<StripeObject[]> {
  const all: StripeObject[] = [];
  for await (const object of objects) all.push(object);
  return all;
}

async function failureOf(work: () => Promise<unknown>): Promise<CsopsError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof CsopsError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("Stripe through the official client", () => {
  it("reads a list to the end through auto-pagination, the version pinned and recorded", async () => {
    const api = apiWith();
    const customers = await collect(api.listCustomers());

    expect(customers).toHaveLength(250);
    expect(new Set(customers.map((c) => c.id)).size).toBe(250);
    expect(fakes.requests.filter((r) => r.url.startsWith("/v1/customers"))).toHaveLength(3);
    expect(api.answeredVersion()).toBe("2025-03-31.basil");
  });

  it("lists canceled subscriptions too (status=all)", async () => {
    const subscriptions = await collect(apiWith().listSubscriptions());

    expect(subscriptions.map((s) => [s.id, s.status])).toEqual([
      ["sub_active", "active"],
      ["sub_canceled", "canceled"],
    ]);
    expect(fakes.requests[0]?.url).toContain("status=all");
  });

  it("reads both API shapes into the same records", async () => {
    const read = async (apiVersion: string) => {
      const api = apiWith({ apiVersion });
      const [subscription] = await collect(api.listSubscriptions());
      const [invoice] = await collect(api.listInvoices({ status: "open" }));
      return { subscription, invoice, answered: api.answeredVersion() };
    };
    const before = await read("2024-06-20");
    const after = await read("2025-03-31.basil");

    // The shapes differ as VENDOR-NOTES §2.1 says…
    expect(before.subscription).toHaveProperty("current_period_end");
    expect(after.subscription).not.toHaveProperty("current_period_end");
    expect(before.invoice).toHaveProperty("subscription", "sub_active");
    expect(after.invoice).toHaveProperty("parent.subscription_details.subscription", "sub_active");
    expect(before.answered).toBe("2024-06-20");
    // …and read the same.
    for (const type of ["subscription", "invoice"] as const) {
      const old = readStripeObject(type, before[type] as StripeObject, settings);
      const current = readStripeObject(type, after[type] as StripeObject, settings);
      expect(current).toEqual(old);
      expect(current).not.toHaveProperty("problems");
    }
    expect(
      readStripeObject("subscription", after.subscription as StripeObject, settings),
    ).toMatchObject({
      record: { record: { currentPeriodEnd: "2027-01-02", startDate: "2025-01-02" } },
    });
  });

  it("waits what a 429's Retry-After asks, retries a 500 and a timeout, page by page", async () => {
    const requests = createTestRequests({ timeoutMs: 150, maxAttempts: 4 });
    const second = (request: { url: string }) => request.url.includes("starting_after");
    fakes.faults.push({
      vendor: "stripe",
      matches: second,
      status: 429,
      headers: { "Retry-After": "2" },
      body: { error: { type: "rate_limit_error", message: "Too many requests" } },
    });
    fakes.faults.push({
      vendor: "stripe",
      matches: second,
      status: 500,
      body: { error: { type: "api_error", message: "internal" } },
    });
    fakes.faults.push({ vendor: "stripe", matches: second, delayMs: 600 });

    const customers = await collect(apiWith({ requests }).listCustomers());

    expect(customers).toHaveLength(250);
    expect(requests.clock.waits).toEqual([2000, 200, 400]);
    // The request that timed out is logged when the fake answers it, later.
    expect(fakes.requests.slice(0, 3).map((r) => r.status)).toEqual([200, 429, 500]);
  });

  it("says a key was refused, pointing at STRIPE_API_KEY, without the key", async () => {
    const failure = await failureOf(() =>
      collect(apiWith({ apiKey: "rk_test_wrongwrongwrong1234" }).listCustomers()),
    );

    expect(failure.code).toBe("source_unavailable");
    expect(failure.message).toMatch(
      /^Stripe refused the API key \(HTTP 401\): check STRIPE_API_KEY/,
    );
    expect(failure.message).not.toContain("wrongwrong");
    expect((failure.cause as Error).stack).not.toContain("wrongwrong");
  });

  it("names the permission a restricted key lacks", async () => {
    const api = apiWith({ apiKey: TEST_SECRETS.stripeWithoutInvoices });

    const failure = await failureOf(() => collect(api.listInvoices({ status: "open" })));

    expect(failure.message).toMatch(
      /^Stripe's key may not read open invoices \(HTTP 403: .*rak_invoice_read/,
    );
    expect(failure.message).not.toContain(TEST_SECRETS.stripeWithoutInvoices);
  });

  it("reads one invoice again, and says when Stripe has it no more", async () => {
    const api = apiWith();

    expect(await api.retrieveInvoice("in_open")).toMatchObject({ id: "in_open", status: "open" });
    expect(await api.retrieveInvoice("in_gone")).toBeUndefined();
  });
});
