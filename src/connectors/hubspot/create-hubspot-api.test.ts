import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { CsopsError } from "../../errors.js";
import {
  createSampleBusiness,
  createTestRequests,
  TEST_CREDENTIALS,
  TEST_SECRETS,
} from "../../fakes/fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "../../fakes/start-fake-apis.js";
import type { RequestSettings } from "../request-settings.js";
import { createHubspotApi, SEARCH_RESULT_CAP } from "./create-hubspot-api.js";
import type { HubspotApi } from "./hubspot-api.js";

let fakes: RunningFakeApis;

beforeAll(async () => {
  fakes = await startFakeApis({
    business: createSampleBusiness({ companies: 250 }),
    credentials: TEST_CREDENTIALS,
  });
});
afterAll(() => fakes.close());
afterEach(() => {
  fakes.faults.length = 0;
  fakes.requests.length = 0;
});

function apiWith(
  requests: RequestSettings = createTestRequests(),
  accessToken: string = TEST_SECRETS.hubspot,
): HubspotApi {
  return createHubspotApi({
    accessToken,
    baseUrl: new URL(fakes.url),
    requests,
    requestsPerSecond: 10_000,
    searchRequestsPerSecond: 10_000,
  });
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const objects: T[] = [];
  for await (const page of pages) objects.push(...page);
  return objects;
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

describe("HubSpot through the official client", () => {
  it("follows list cursors to the end, with the properties asked for", async () => {
    const companies = await collect(
      apiWith().listObjects("companies", { properties: ["name", "plan"], archived: false }),
    );

    expect(companies).toHaveLength(250);
    expect(new Set(companies.map((c) => c.id)).size).toBe(250);
    expect(companies[2]).toMatchObject({
      id: "9000000003",
      properties: { name: "Agency 3", plan: "Enterprise" },
      archived: false,
    });
    const pages = fakes.requests.filter((r) => r.url.startsWith("/crm/v3/objects/companies?"));
    expect(pages).toHaveLength(3);
  });

  it("splits a search around the 10,000-result cap and loses nothing beyond it", async () => {
    const business = createSampleBusiness({ companies: SEARCH_RESULT_CAP + 150 });
    const wide = await startFakeApis({ business, credentials: TEST_CREDENTIALS });
    try {
      const api = createHubspotApi({
        accessToken: TEST_SECRETS.hubspot,
        baseUrl: new URL(wide.url),
        requests: createTestRequests(),
        requestsPerSecond: 10_000,
        searchRequestsPerSecond: 10_000,
      });
      // Every company but the first 20 was modified at or after the mark.
      const sinceMs = (1_795_000_000 + 21) * 1000;
      const found = await collect(
        api.listModifiedObjects("companies", { properties: ["name"], sinceMs }),
      );

      expect(found).toHaveLength(SEARCH_RESULT_CAP + 130);
      expect(new Set(found.map((c) => c.id)).size).toBe(found.length);
      const searches = wide.requests.filter((r) => r.url.endsWith("/search"));
      expect(searches.every((r) => r.status === 200)).toBe(true);
      const restarts = searches.filter((r) => JSON.stringify(r.body).includes('"GT"'));
      expect(restarts.length).toBeGreaterThanOrEqual(1);
    } finally {
      await wide.close();
    }
  });

  it("waits what a 429's Retry-After asks, then goes on", async () => {
    const requests = createTestRequests();
    fakes.faults.push({
      vendor: "hubspot",
      status: 429,
      headers: { "Retry-After": "7" },
      body: {
        status: "error",
        message: "You have reached your ten_secondly_rolling limit.",
        policyName: "TEN_SECONDLY_ROLLING",
      },
    });

    const owners = await collect(apiWith(requests).listOwners());

    expect(owners).toHaveLength(1);
    expect(requests.clock.waits).toEqual([7000]);
    expect(fakes.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("retries a 500 after backing off, and a request that timed out", async () => {
    const requests = createTestRequests({ timeoutMs: 150 });
    fakes.faults.push({
      vendor: "hubspot",
      status: 500,
      body: { status: "error", message: "internal" },
    });
    fakes.faults.push({ vendor: "hubspot", delayMs: 600 });

    const owners = await collect(apiWith(requests).listOwners());

    expect(owners).toHaveLength(1);
    expect(requests.clock.waits).toEqual([100, 200]);
  });

  it("gives up after the last attempt, saying what kept failing", async () => {
    fakes.faults.push({
      vendor: "hubspot",
      status: 503,
      times: 3,
      body: { status: "error", message: "down" },
    });

    const failure = await failureOf(() => collect(apiWith().listOwners()));

    expect(failure.code).toBe("source_unavailable");
    expect(failure.message).toBe(
      "HubSpot still answered HTTP 503 after 3 attempts (reading owners)",
    );
  });

  it("does not retry the daily limit: it lasts until midnight", async () => {
    const requests = createTestRequests();
    fakes.faults.push({
      vendor: "hubspot",
      status: 429,
      body: { status: "error", message: "You have reached your daily limit.", policyName: "DAILY" },
    });

    const failure = await failureOf(() => collect(apiWith(requests).listOwners()));

    expect(failure.message).toMatch(/daily API limit is used up/);
    expect(requests.clock.waits).toEqual([]);
  });

  it("names the scope a token lacks, without the token", async () => {
    const api = apiWith(createTestRequests(), TEST_SECRETS.hubspotWithoutTickets);

    const failure = await failureOf(() =>
      collect(api.listObjects("tickets", { properties: ["createdate"], archived: false })),
    );

    expect(failure.message).toMatch(
      /may not read tickets \(HTTP 403: .*give the private app the scope tickets/,
    );
    expect(
      JSON.stringify([failure.message, String(failure.cause), (failure.cause as Error).stack]),
    ).not.toContain(TEST_SECRETS.hubspotWithoutTickets);
  });

  it("says a token was refused, pointing at HUBSPOT_ACCESS_TOKEN", async () => {
    const api = apiWith(createTestRequests(), "pat-eu1-not-a-real-token");

    const failure = await failureOf(() => collect(api.listOwners()));

    expect(failure.message).toMatch(
      /^HubSpot refused the access token \(HTTP 401\): check HUBSPOT_ACCESS_TOKEN/,
    );
    expect(failure.message).not.toContain("pat-eu1-not-a-real-token");
  });

  it("reads each ticket's companies, primary first, paging through many", async () => {
    const ticket = fakes.business.tickets[0];
    if (ticket === undefined) throw new Error("no ticket");
    const saved = [...ticket.companyIds];
    ticket.companyIds = ["9000000009", "9000000007", "9000000008"];
    fakes.behaviour.associationPageSize = 2;
    fakes.business.tickets[1]!.companyIds = [];
    try {
      const companies = await apiWith().readTicketCompanies(["5000001", "5000002", "5000003"]);

      expect(companies).toEqual(
        new Map([
          ["5000001", ["9000000009", "9000000007", "9000000008"]],
          ["5000003", ["9000000003"]],
        ]),
      );
      expect(fakes.requests.map((r) => r.url.split("?")[0])).toEqual([
        "/crm/v4/associations/tickets/companies/batch/read",
        "/crm/v4/objects/tickets/5000001/associations/companies",
      ]);
    } finally {
      ticket.companyIds = saved;
      fakes.business.tickets[1]!.companyIds = ["9000000002"];
      fakes.behaviour.associationPageSize = 500;
    }
  });
});
