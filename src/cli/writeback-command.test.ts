import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { TEST_CREDENTIALS, TEST_SECRETS } from "../fakes/fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "../fakes/start-fake-apis.js";
import { makeCustomer, seedDay } from "../services/daily-test-kit.js";
import { createScenarioHubspot, storeOwners } from "../services/write-back-test-kit.js";
import { openStore } from "../storage/store.js";
import { runCliCaptured as csops } from "../test-support/run-cli-captured.js";

// `csops run` and `csops writeback` on a SQLite file of their own, writing into the fakes.
const DATE = "2026-11-02";
const scratch = mkdtempSync(join(tmpdir(), "csops-writeback-cli-"));
const CONFIG = join(scratch, "csops.config.yaml");
const CONFIG_OFF = join(scratch, "off.yaml");
const VARIABLES = [
  "DATABASE_URL",
  "CSOPS_LOG_LEVEL",
  "HUBSPOT_ACCESS_TOKEN",
  "HUBSPOT_BASE_URL",
] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
const customers = [
  makeCustomer({ companyId: "30001", contractEndDate: "2026-12-12", paymentFailed: true }),
  makeCustomer({ companyId: "30002", name: "Bright Homes", domain: "bright.example" }),
];
let fakes: RunningFakeApis;

function setEnv(values: Partial<Record<(typeof VARIABLES)[number], string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

beforeAll(async () => {
  fakes = await startFakeApis({
    business: createScenarioHubspot(customers),
    credentials: TEST_CREDENTIALS,
  });
  const settings = [
    "time_zone: Europe/London",
    "sync: { sources: [hubspot], timeout_seconds: 1, max_attempts: 1 }",
  ];
  writeFileSync(CONFIG, [...settings, "hubspot_write_back: { enabled: true }", ""].join("\n"));
  writeFileSync(CONFIG_OFF, [...settings, ""].join("\n"));
  setEnv({
    DATABASE_URL: `sqlite:${join(scratch, "csops.sqlite")}`,
    CSOPS_LOG_LEVEL: "silent",
    HUBSPOT_ACCESS_TOKEN: TEST_SECRETS.hubspot,
    HUBSPOT_BASE_URL: fakes.url,
  });
  const store = await openStore({ url: process.env.DATABASE_URL, cwd: scratch });
  try {
    await seedDay(store, DATE, customers);
    await storeOwners(store);
  } finally {
    await store.close();
  }
});
afterAll(async () => {
  await fakes.close();
  setEnv(saved);
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(() => {
  fakes.faults.length = 0;
  fakes.requests.length = 0;
});

describe("csops run and csops writeback", () => {
  it("syncs first, says a failed sync degraded the run, and writes back", async () => {
    // HubSpot's owners list is down: the sync fails, the write-back's calls do not need it.
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url.startsWith("/crm/v3/owners"),
      status: 503,
      body: { status: "error", message: "down" },
    });

    const run = await csops("run", "--date", DATE, "--config", CONFIG);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^ {2}Synced: {3}hubspot FAILED$/m);
    expect(run.stdout).toMatch(
      /^DEGRADED: the hubspot sync failed, so its previous data was used: HubSpot still answered HTTP 503 after 1 attempt \(reading owners\)$/m,
    );
    expect(run.stdout).toMatch(
      /^ {2}HubSpot: {2}1 task created, 0 completed, 0 notes, 2 segments written$/m,
    );
    expect(fakes.hubspot.tasks).toHaveLength(1);
  });

  it("skips the sync with --no-sync, and writes back nothing twice", async () => {
    const run = await csops("run", "--date", DATE, "--config", CONFIG, "--no-sync", "--json");

    expect(run.exitCode).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(summary.syncs).toBeUndefined();
    expect(summary.hubspotWriteBack).toEqual({
      tasksCreated: 0,
      tasksCompleted: 0,
      associationsRepaired: 0,
      notes: 0,
      segments: 0,
      failed: [],
    });
    expect(fakes.requests.some((r) => r.url.startsWith("/crm/v3/owners"))).toBe(false);
    expect(fakes.hubspot.tasks).toHaveLength(1);
  });

  it("writes back alone with csops writeback", async () => {
    const run = await csops("writeback", "--date", DATE, "--config", CONFIG);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("0 tasks created, 0 completed, 0 notes, 0 segments written\n");
  });

  it("exits 1 and lists what failed when HubSpot refuses the writes", async () => {
    setEnv({ HUBSPOT_ACCESS_TOKEN: TEST_SECRETS.hubspotReadOnly });
    try {
      const run = await csops("writeback", "--date", DATE, "--config", CONFIG);

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(
        /^FAILED HubSpot segment property cs_segment: HubSpot's access token may not read/m,
      );
      expect(run.stdout + run.stderr).not.toContain(TEST_SECRETS.hubspotReadOnly);
    } finally {
      setEnv({ HUBSPOT_ACCESS_TOKEN: TEST_SECRETS.hubspot });
    }
  });

  it("says how to turn the write-back on, and what to set for it", async () => {
    const off = await csops("writeback", "--config", CONFIG_OFF);
    setEnv({ HUBSPOT_ACCESS_TOKEN: undefined });
    const noToken = await csops("writeback", "--config", CONFIG);
    setEnv({ HUBSPOT_ACCESS_TOKEN: TEST_SECRETS.hubspot });

    expect(off.exitCode).toBe(2);
    expect(off.stderr).toMatch(/the HubSpot write-back is off: set `hubspot_write_back/);
    expect(noToken.exitCode).toBe(2);
    expect(noToken.stderr).toMatch(/cannot write to HubSpot: HUBSPOT_ACCESS_TOKEN is not set/);
  });
});
