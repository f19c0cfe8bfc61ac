import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { MatomoVisitRecord } from "../../domain/records.js";
import { CsopsError } from "../../errors.js";
import { createEmptyBusiness } from "../../fakes/fake-business.js";
import { createTestRequests, TEST_CREDENTIALS, TEST_SECRETS } from "../../fakes/fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "../../fakes/start-fake-apis.js";
import type { RequestSettings } from "../request-settings.js";
import { createMatomoApi } from "./create-matomo-api.js";
import type { MatomoApi, MatomoVisit } from "./matomo-api.js";

/** 12 visits on 2026-12-01 (UTC), ids in time order, every third without a user id. */
function visitsOfTheDay(): MatomoVisitRecord[] {
  return Array.from({ length: 12 }, (_, i) => ({
    visitId: `1:${1000 + i}`,
    userId: i % 3 === 2 ? undefined : `user${i}@agency.example`,
    visitedAt: Date.UTC(2026, 11, 1, 8, i * 5) / 1000,
    visitDate: "2026-12-01",
    events: i % 2 === 0 ? [{ category: "Feature", action: "listing_created" }] : [],
  }));
}

let fakes: RunningFakeApis;

beforeAll(async () => {
  const business = createEmptyBusiness();
  business.matomo = { siteId: 1, timeZone: "UTC", visits: visitsOfTheDay() };
  fakes = await startFakeApis({ business, credentials: TEST_CREDENTIALS });
});
afterAll(() => fakes.close());
afterEach(() => {
  fakes.faults.length = 0;
  fakes.requests.length = 0;
  fakes.behaviour.matomoHiddenEvery = undefined;
});

function apiWith(
  options: { requests?: RequestSettings; tokenAuth?: string; pageSize?: number; url?: string } = {},
): MatomoApi {
  return createMatomoApi({
    tokenAuth: options.tokenAuth ?? TEST_SECRETS.matomo,
    url: new URL(options.url ?? fakes.url),
    pageSize: options.pageSize ?? 5,
    requests: options.requests ?? createTestRequests(),
  });
}

async function visitsOf(api: MatomoApi, day = "2026-12-01"): Promise<MatomoVisit[]> {
  const visits: MatomoVisit[] = [];
  for await (const page of api.listVisitsOfDay(1, day)) visits.push(...page);
  return visits;
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

describe("Matomo's Reporting API", () => {
  it("reads a day page by page, oldest first, the token only ever in a POST body", async () => {
    const visits = await visitsOf(apiWith({ url: `${fakes.url}/index.php` }));

    expect(visits.map((v) => v.idVisit)).toEqual(
      visitsOfTheDay().map((v) => Number(v.visitId.slice(2))),
    );
    expect(fakes.requests.map((r) => r.body?.filter_offset)).toEqual(["0", "5", "10", "15"]);
    expect(fakes.requests.every((r) => r.method === "POST" && !r.url.includes("token"))).toBe(true);
    expect(fakes.requests[0]?.body).toMatchObject({
      method: "Live.getLastVisitsDetails",
      period: "day",
      date: "2026-12-01",
      filter_sort_order: "asc",
      format: "JSON",
    });
  });

  it("does not take a short page for the end while more may come", async () => {
    // As with a segment applied after the limit (matomo-org/matomo#7784): 4 of 5 a page.
    fakes.behaviour.matomoHiddenEvery = 5;

    const visits = await visitsOf(apiWith());

    const shown = visitsOfTheDay().filter((v) => Number(v.visitId.slice(2)) % 5 !== 0);
    expect(visits.map((v) => v.idVisit)).toEqual(shown.map((v) => Number(v.visitId.slice(2))));
    expect(fakes.requests.map((r) => r.body?.filter_offset)).toEqual(["0", "5", "10", "15"]);
  });

  it("reads the site's time zone", async () => {
    fakes.business.matomo.timeZone = "Pacific/Auckland";
    try {
      expect(await apiWith().readSiteTimeZone(1)).toBe("Pacific/Auckland");
    } finally {
      fakes.business.matomo.timeZone = "UTC";
    }
  });

  it("finds the error Matomo writes into an HTTP 200 answer, and does not retry it", async () => {
    const requests = createTestRequests();
    fakes.faults.push({
      vendor: "matomo",
      status: 200,
      body: { result: "error", message: "Visits log is deactivated for website id = 1." },
    });

    const failure = await failureOf(() => visitsOf(apiWith({ requests })));

    expect(failure.code).toBe("source_unavailable");
    expect(failure.message).toBe(
      "Matomo answered an error for visits of 2026-12-01: Visits log is deactivated for website id = 1.",
    );
    expect(requests.clock.waits).toEqual([]);
  });

  it("says the token was refused, without the token", async () => {
    const failure = await failureOf(() =>
      apiWith({ tokenAuth: "ffffffffffffffffffffffffffffffff" }).readSiteTimeZone(1),
    );

    expect(failure.message).toMatch(/^Matomo refused the token for site 1: Unable to authenticate/);
    expect(failure.message).not.toContain("ffffffff");
  });

  it("waits what a 429 asks, retries a 502 and a timeout", async () => {
    const requests = createTestRequests({ timeoutMs: 150, maxAttempts: 4 });
    fakes.faults.push({ vendor: "matomo", status: 429, headers: { "Retry-After": "3" }, body: "" });
    fakes.faults.push({ vendor: "matomo", status: 502, body: "<html>Bad gateway</html>" });
    fakes.faults.push({ vendor: "matomo", delayMs: 600 });

    expect(await apiWith({ requests }).readSiteTimeZone(1)).toBe("UTC");
    expect(requests.clock.waits).toEqual([3000, 200, 400]);
  });

  it("says when the answer is not JSON: MATOMO_URL is likely not Matomo", async () => {
    fakes.faults.push({ vendor: "matomo", status: 200, body: "<html>Login</html>" });

    const failure = await failureOf(() => apiWith().readSiteTimeZone(1));

    expect(failure.message).toMatch(/not JSON for site 1: is MATOMO_URL Matomo's address\?/);
  });
});
