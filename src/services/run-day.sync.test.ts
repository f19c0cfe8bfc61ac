import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import {
  createSampleBusiness,
  createVirtualClock,
  TEST_CREDENTIALS,
  TEST_SECRETS,
} from "../fakes/fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "../fakes/start-fake-apis.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import { at, LOGGER, RULES, TIME_ZONE } from "./daily-test-kit.js";
import { runDay, type RunDayOptions } from "./run-day.js";
import type { RunSummary } from "./run-summary.js";

const DATE = "2026-12-03";
const CONFIG = configSchema.parse({
  time_zone: TIME_ZONE,
  // Generous: on a busy machine a request to the fakes can take a second; no test here times out.
  sync: { timeout_seconds: 5, max_attempts: 2, matomo: { backfill_days: 35 } },
});

describeEachDatabase("the daily run's sync", (t) => {
  let fakes: RunningFakeApis;

  beforeAll(async () => {
    fakes = await startFakeApis({
      business: createSampleBusiness({ companies: 6 }),
      credentials: TEST_CREDENTIALS,
    });
  });
  afterAll(() => fakes.close());
  afterEach(() => {
    fakes.requests.length = 0;
  });

  function env(overrides: Record<string, string | undefined> = {}) {
    return {
      HUBSPOT_ACCESS_TOKEN: TEST_SECRETS.hubspot,
      HUBSPOT_BASE_URL: fakes.url,
      STRIPE_API_KEY: TEST_SECRETS.stripe,
      STRIPE_API_BASE: fakes.url,
      MATOMO_TOKEN_AUTH: TEST_SECRETS.matomo,
      MATOMO_URL: `${fakes.url}/index.php`,
      ...overrides,
    };
  }

  function runAt(hour: number, options: Partial<RunDayOptions>) {
    return runDay(DATE, {
      store: t.store,
      config: CONFIG,
      rules: RULES,
      logger: LOGGER,
      now: () => at(DATE, hour),
      requestClock: createVirtualClock(),
      ...options,
    });
  }

  it("skips the sync when told to, calling no API", async () => {
    const summary = await runAt(8, { env: env(), sync: false });

    expect(summary.syncs).toBeUndefined();
    expect(summary.customers).toBe(0);
    expect(fakes.requests).toEqual([]);
  });

  it("syncs every configured source first, then evaluates what they brought", async () => {
    const summary = await runAt(9, { env: env() });

    expect(summary.syncs).toEqual([
      { source: "hubspot", status: "synced", recordsChanged: 19, rowsRejected: 0 },
      { source: "stripe", status: "synced", recordsChanged: 6, rowsRejected: 0 },
      { source: "matomo", status: "synced", recordsChanged: 0, rowsRejected: 0 },
    ]);
    expect(summary.customers).toBe(6);
    expect(summary.degraded).toBe(false);
    expect(summary.sources.map((source) => [source.source, source.state])).toEqual([
      ["hubspot", "fresh"],
      ["stripe", "fresh"],
      ["matomo", "fresh"],
    ]);
  });

  it("goes on degraded with a source whose token is refused, naming why, and still reconciles", async () => {
    const before = await t.store.listOpenTasks();

    const summary = await runAt(10, {
      env: env({ HUBSPOT_ACCESS_TOKEN: "pat-eu1-00000000-0000-0000-0000-000000000000" }),
    });

    expect(summary.syncs?.[0]).toEqual({
      source: "hubspot",
      status: "failed",
      reason: expect.stringMatching(
        /^HubSpot refused the access token \(HTTP 401\): check HUBSPOT_ACCESS_TOKEN/,
      ),
      recordsChanged: 0,
      rowsRejected: 0,
    });
    expect(summary.degraded).toBe(true);
    // HubSpot's data from 09:00 is still fresh: the run evaluated and reconciled with it.
    expect(summary.customers).toBe(6);
    expect(summary.tasks.open).toBe(before.length);
    const [recorded] = await t.store.listRuns({ limit: 1 });
    expect(recorded).toMatchObject({ id: summary.runId, status: "completed", degraded: true });
    expect((recorded?.summary as RunSummary).syncs?.map((sync) => sync.status)).toEqual([
      "failed",
      "synced",
      "up_to_date",
    ]);
  });

  it("says nothing of sources that arrive by files (no token set)", async () => {
    const summary = await runAt(11, {
      env: env({ STRIPE_API_KEY: undefined, MATOMO_TOKEN_AUTH: undefined }),
    });

    expect(summary.syncs?.map((sync) => sync.source)).toEqual(["hubspot"]);
    expect(fakes.requests.every((request) => request.vendor === "hubspot")).toBe(true);
  });
});
