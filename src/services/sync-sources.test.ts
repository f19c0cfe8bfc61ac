import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

import { configSchema, type Config } from "../config/config-schema.js";
import { daysBetween } from "../domain/dates.js";
import { decideSegment } from "../domain/decide-segment.js";
import { writeDemoExports } from "../demo/write-demo-exports.js";
import {
  createCapturingLogger,
  createVirtualClock,
  TEST_CREDENTIALS,
  TEST_SECRETS,
} from "../fakes/fake-test-kit.js";
import { readExportsAsBusiness } from "../fakes/read-exports-as-business.js";
import { startFakeApis, type RunningFakeApis } from "../fakes/start-fake-apis.js";
import { createSilentLogger, type Logger } from "../logger.js";
import { loadRulesOrFail } from "../rules/load-rules.js";
import { openStore, type Store, type StoreTx } from "../storage/store.js";
import {
  describeEachDatabase,
  snapshotTables,
  type TestDatabase,
} from "../storage/test-databases.js";
import { buildCustomerFacts } from "./build-customer-facts.js";
import { importExports } from "./import-exports.js";
import { syncConfiguredSources, type SyncSourcesOptions } from "./sync-sources.js";

const AS_OF = "2026-12-03";
/** 09:00 in London on the evaluation date: the morning's run. */
const MORNING = Date.UTC(2026, 11, 3, 9) / 1000;

let config: Config = configSchema.parse({});
const rules = loadRulesOrFail();
let scratch: string;
let fakes: RunningFakeApis;
/** What importing the demo's export files gives, per customer: the reference. */
let imported: Awaited<ReturnType<typeof factsAndDecisions>>;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "csops-sync-"));
  const demo = await writeDemoExports({
    outDir: join(scratch, "demo"),
    customers: 120,
    asOf: AS_OF,
    seed: 11,
    timeZone: config.time_zone,
  });
  const reference = await openStore({ url: "sqlite:reference.sqlite", cwd: scratch });
  try {
    await importExports([join(scratch, "demo")], {
      store: reference,
      config,
      logger: createSilentLogger(),
      now: () => MORNING,
    });
    imported = await factsAndDecisions(reference);
  } finally {
    await reference.close();
  }

  const business = await readExportsAsBusiness(
    demo.files.map((file) => file.path),
    { config, modifiedAt: MORNING - 86_400 },
  );
  // Matomo's backfill reaches as far back as the demo's visits log does, and a day more: the
  // site's days are UTC's, and the log's first London day (in October, BST) began the evening
  // before, in UTC.
  const first = business.matomo.visits.reduce(
    (min, v) => (v.visitDate < min ? v.visitDate : min),
    AS_OF,
  );
  config = configSchema.parse({
    sync: { matomo: { backfill_days: daysBetween(first, AS_OF) + 1 } },
  });
  fakes = await startFakeApis({ business, credentials: TEST_CREDENTIALS });
});
afterAll(async () => {
  await fakes.close();
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(() => {
  fakes.faults.length = 0;
  fakes.requests.length = 0;
});

/** The environment `csops fake-apis` prints, with the test's secrets. */
function fakeEnv(overrides: Record<string, string | undefined> = {}) {
  return {
    HUBSPOT_ACCESS_TOKEN: TEST_SECRETS.hubspot,
    HUBSPOT_BASE_URL: fakes.url,
    STRIPE_API_KEY: TEST_SECRETS.stripe,
    STRIPE_API_BASE: fakes.url,
    MATOMO_TOKEN_AUTH: TEST_SECRETS.matomo,
    MATOMO_URL: fakes.url,
    ...overrides,
  };
}

function syncWith(
  t: TestDatabase,
  options: Partial<SyncSourcesOptions> & { at?: number; logger?: Logger } = {},
) {
  const { at = MORNING, ...rest } = options;
  return syncConfiguredSources({
    store: t.store,
    config,
    logger: createSilentLogger(),
    env: fakeEnv(),
    now: () => at,
    clock: createVirtualClock(),
    ...rest,
  });
}

async function factsAndDecisions(store: Store) {
  const { build } = await buildCustomerFacts(store, config, rules, AS_OF);

  return {
    sources: build.sources.map(({ source, state }) => ({ source, state })),
    customers: build.customers.map((row) => ({
      facts: row.facts,
      ownerName: row.ownerName,
      stripeCustomerIds: row.stripeCustomerIds,
      matomoUserIds: row.matomoUserIds,
      decision: decideSegment(row.facts, AS_OF, rules),
    })),
  };
}

/** The record tables: the import log grows with every attempt, on purpose. */
async function dataOf(t: TestDatabase) {
  const snapshot = await snapshotTables(t.database);
  for (const table of Object.keys(snapshot)) {
    if (!/^(hubspot|stripe|matomo)_/.test(table) || table === "matomo_coverage")
      delete snapshot[table];
  }

  return snapshot;
}

describeEachDatabase("syncConfiguredSources", (t) => {
  it("gives the same facts and decisions as importing the same business's export files", async () => {
    const results = await syncWith(t);

    expect(results.map((r) => [r.source, r.status, r.rowsRejected])).toEqual([
      ["hubspot", "synced", 0],
      ["stripe", "synced", 0],
      ["matomo", "synced", 0],
    ]);
    expect(results.flatMap((r) => r.listings.map((l) => [l.file, l.preset]))).toEqual([
      ["api:hubspot/owners", "hubspot_api"],
      ["api:hubspot/companies", "hubspot_api"],
      ["api:hubspot/tickets", "hubspot_api"],
      ["api:stripe/customers", "stripe_api@2025-03-31.basil"],
      ["api:stripe/subscriptions", "stripe_api@2025-03-31.basil"],
      ["api:stripe/invoices", "stripe_api@2025-03-31.basil"],
      ["api:matomo/visits", "matomo_api"],
    ]);
    const synced = await factsAndDecisions(t.store);
    expect(synced.customers).toHaveLength(imported.customers.length);
    expect(synced).toEqual(imported);
    const segments = new Set(synced.customers.map((c) => c.decision.segment));
    expect(segments).toEqual(
      new Set([
        "revenue_at_risk",
        "engagement_drop",
        "expansion_opportunity",
        "onboarding_stuck",
        "healthy_stable",
        "data_gap",
        "none",
      ]),
    );
  });

  it("changes nothing when nothing changed at the sources", async () => {
    const before = await dataOf(t);

    const results = await syncWith(t, { at: MORNING + 3600 });

    expect(results.map((r) => [r.source, r.status, r.recordsChanged])).toEqual([
      ["hubspot", "synced", 0],
      ["stripe", "synced", 0],
      ["matomo", "up_to_date", 0],
    ]);
    expect(await dataOf(t)).toEqual(before);
    // HubSpot's second sync asks only for what was modified since the first.
    const hubspot = fakes.requests
      .filter((r) => r.vendor === "hubspot")
      .map((r) => r.url.split("?")[0]);
    expect(hubspot).toContain("/crm/v3/objects/companies/search");
    const listed = fakes.requests.filter((r) =>
      /^\/crm\/v3\/objects\/\w+\?.*archived=false/.test(r.url),
    );
    expect(listed).toEqual([]);
  });

  it("fetches a company modified since the last sync, and a new day of visits", async () => {
    const company = fakes.business.companies[5]!;
    const plan = company.plan;
    company.plan = "Enterprise Plus";
    company.modifiedAt = MORNING + 20 * 3600;
    try {
      const results = await syncWith(t, { at: MORNING + 86_400 });

      expect(results.map((r) => [r.source, r.status, r.recordsChanged])).toEqual([
        ["hubspot", "synced", 1],
        ["stripe", "synced", 0],
        ["matomo", "synced", 0],
      ]);
      const matomo = results[2]!.listings[0]!;
      expect(
        fakes.requests.filter((r) => r.vendor === "matomo" && r.body?.date === AS_OF).length,
      ).toBeGreaterThan(0);
      expect(matomo.dataAsOf).toBe(Date.UTC(2026, 11, 4) / 1000);
      const input = await t.store.loadFactsInput("2026-12-04", {
        ticketWindowDays: 30,
        usageWindowDays: 30,
        featureCategory: "Feature",
      });
      expect(input.companies.find((c) => c.companyId === company.companyId)?.plan).toBe(
        "Enterprise Plus",
      );
    } finally {
      company.plan = plan;
    }
  });

  it("leaves the source's previous data intact when a sync fails midway, and says why", async () => {
    const before = await dataOf(t);
    const customer = fakes.business.stripeCustomers[0]!;
    const email = customer.email;
    customer.email = "changed@agency.example";
    fakes.faults.push({
      vendor: "stripe",
      matches: (r) => r.url.startsWith("/v1/invoices"),
      status: 503,
      times: 10,
      body: { error: { type: "api_error", message: "down" } },
    });
    try {
      const results = await syncWith(t, { at: MORNING + 2 * 86_400, only: ["stripe"] });

      expect(results).toMatchObject([
        {
          source: "stripe",
          status: "failed",
          reason: "Stripe still answered HTTP 503 after 5 attempts (reading open invoices)",
        },
      ]);
      expect(await dataOf(t)).toEqual(before);
      const [logged] = await t.store.listImports({ limit: 1 });
      expect(logged).toMatchObject({
        file: "api:stripe",
        source: "stripe",
        status: "failed",
        message: results[0]?.reason,
      });
    } finally {
      customer.email = email;
    }
  });

  it("leaves every listing of a source unwritten when the store fails while writing one", async () => {
    const before = await dataOf(t);
    fakes.business.stripeCustomers[1]!.name = "Renamed Agency Ltd";
    const failing = failOnSecondWrite(t.store);

    const [result] = await syncWith(t, {
      store: failing,
      only: ["stripe"],
      at: MORNING + 3 * 86_400,
    });

    expect(result?.status).toBe("failed");
    expect(result?.listings.map((l) => l.status)).toEqual(["failed", "failed", "failed"]);
    expect(await dataOf(t)).toEqual(before);
  });

  it("fails a source whose token lacks a scope, with the reason, and syncs the others", async () => {
    const results = await syncWith(t, {
      env: fakeEnv({ HUBSPOT_ACCESS_TOKEN: TEST_SECRETS.hubspotWithoutTickets }),
      at: MORNING + 4 * 86_400,
    });

    expect(results.map((r) => [r.source, r.status])).toEqual([
      ["hubspot", "failed"],
      ["stripe", "synced"],
      ["matomo", "synced"],
    ]);
    expect(results[0]?.reason).toMatch(/may not read tickets.* \(HTTP 403.*scope tickets$/);
  });

  it("names what is missing for a source that is not configured, and syncs nothing of it", async () => {
    const results = await syncWith(t, {
      env: fakeEnv({ STRIPE_API_KEY: undefined, MATOMO_URL: undefined }),
      at: MORNING + 5 * 86_400,
    });

    expect(results.map((r) => [r.source, r.status, r.reason])).toEqual([
      ["hubspot", "synced", undefined],
      ["stripe", "not_configured", "STRIPE_API_KEY is not set"],
      ["matomo", "failed", "MATOMO_TOKEN_AUTH is set but MATOMO_URL is not"],
    ]);
    expect(fakes.requests.some((r) => r.vendor !== "hubspot")).toBe(false);
  });

  it("never lets a token into the log, an error or the database", async () => {
    const { logger, lines } = createCapturingLogger();
    const wrong = {
      HUBSPOT_ACCESS_TOKEN: "pat-eu1-00000000-dead-beef-0000-000000000000",
      STRIPE_API_KEY: "rk_test_51WrongWrongWrongWrongWrongWrong",
      MATOMO_TOKEN_AUTH: "fedcba9876543210fedcba9876543210",
    };
    fakes.faults.push({ vendor: "matomo", status: 500, times: 2, body: "oops" });
    fakes.faults.push({
      vendor: "hubspot",
      status: 429,
      headers: { "Retry-After": "1" },
      body: { status: "error", message: "slow down" },
    });

    const good = await syncWith(t, { logger, at: MORNING + 6 * 86_400 });
    const bad = await syncWith(t, { logger, env: fakeEnv(wrong), at: MORNING + 7 * 86_400 });

    expect(bad.map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
    expect(lines.some((line) => line.includes("retrying"))).toBe(true);
    const everything = JSON.stringify({
      lines,
      good,
      bad,
      tables: await snapshotTables(t.database),
    });
    for (const secret of [...Object.values(TEST_SECRETS), ...Object.values(wrong)]) {
      expect(everything).not.toContain(secret);
    }
  });
});

/** A store whose second record write fails, as a full disk or a lost connection would. */
function failOnSecondWrite(store: Store): Store {
  let writes = 0;
  return {
    ...store,
    transaction: (work) =>
      store.transaction((tx) => {
        const failing: StoreTx = {
          ...tx,
          upsertRecords: async (kind, records, importId) => {
            writes += 1;
            if (writes === 2) throw new Error("disk I/O error");
            return tx.upsertRecords(kind, records, importId);
          },
        };
        return work(failing);
      }),
  };
}
