import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createSampleBusiness, TEST_CREDENTIALS, TEST_SECRETS } from "../fakes/fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "../fakes/start-fake-apis.js";
import { runCliCaptured as csops } from "../test-support/run-cli-captured.js";

// `csops sync` on a SQLite file of its own, against the fakes, as the README walks it through.
const scratch = mkdtempSync(join(tmpdir(), "csops-sync-cli-"));
const VARIABLES = [
  "DATABASE_URL",
  "CSOPS_LOG_LEVEL",
  "HUBSPOT_ACCESS_TOKEN",
  "HUBSPOT_BASE_URL",
  "STRIPE_API_KEY",
  "STRIPE_API_BASE",
  "MATOMO_TOKEN_AUTH",
  "MATOMO_URL",
] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
let fakes: RunningFakeApis;

function setEnv(values: Partial<Record<(typeof VARIABLES)[number], string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

function pointAtFakes(): void {
  setEnv({
    HUBSPOT_ACCESS_TOKEN: TEST_SECRETS.hubspot,
    HUBSPOT_BASE_URL: fakes.url,
    STRIPE_API_KEY: TEST_SECRETS.stripe,
    STRIPE_API_BASE: fakes.url,
    MATOMO_TOKEN_AUTH: TEST_SECRETS.matomo,
    MATOMO_URL: `${fakes.url}/index.php`,
  });
}

beforeAll(async () => {
  fakes = await startFakeApis({
    business: createSampleBusiness({ companies: 12 }),
    credentials: TEST_CREDENTIALS,
  });
  setEnv({ DATABASE_URL: `sqlite:${join(scratch, "csops.sqlite")}`, CSOPS_LOG_LEVEL: "silent" });
});
afterAll(async () => {
  await fakes.close();
  setEnv(saved);
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(() => {
  fakes.faults.length = 0;
});

describe("csops sync", () => {
  it("says what to set when no source is configured", async () => {
    setEnv({
      HUBSPOT_ACCESS_TOKEN: undefined,
      STRIPE_API_KEY: undefined,
      MATOMO_TOKEN_AUTH: undefined,
    });

    const run = await csops("sync");

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /nothing to sync: set one of HUBSPOT_ACCESS_TOKEN, STRIPE_API_KEY, MATOMO_TOKEN_AUTH/,
    );
  });

  it("syncs every configured source, then finds nothing changed", async () => {
    pointAtFakes();

    const first = await csops("sync");
    const second = await csops("sync");

    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(
      /^hubspot +synced +1 owners, 12 companies, 12 tickets; 37 records changed$/m,
    );
    expect(first.stdout).toMatch(
      /^stripe +synced +12 customers, 0 subscriptions, 0 invoices; 12 records changed \(API 2025-03-31\.basil\)$/m,
    );
    expect(first.stdout).toMatch(/^matomo +synced +0 visits; 0 records changed$/m);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toMatch(/\(0 records changed, 0 rows rejected\)/);
    expect(second.stdout).toMatch(/^matomo +up to date +every closed day was fetched before$/m);
  });

  it("syncs one source with --source, and prints JSON with --json", async () => {
    const run = await csops("sync", "--source", "stripe", "--json");

    expect(run.exitCode).toBe(0);
    const results = JSON.parse(run.stdout) as { source: string; status: string }[];
    expect(results.map((r) => [r.source, r.status])).toEqual([["stripe", "synced"]]);
  });

  it("fails a source with a readable reason, exits 1 and syncs the others", async () => {
    setEnv({ HUBSPOT_ACCESS_TOKEN: "pat-eu1-00000000-0000-0000-0000-000000000000" });
    try {
      const run = await csops("sync");

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(
        /^hubspot +FAILED +HubSpot refused the access token \(HTTP 401\): check HUBSPOT_ACCESS_TOKEN/m,
      );
      expect(run.stdout).toMatch(/^stripe +synced/m);
      expect(run.stdout + run.stderr).not.toContain("pat-eu1-00000000");
    } finally {
      pointAtFakes();
    }
  });

  it("refuses a source it does not know", async () => {
    const run = await csops("sync", "--source", "salesforce");

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--source "salesforce" is not a source csops syncs/);
  });
});

describe("csops fake-apis", () => {
  it("serves the demo business on 127.0.0.1 and prints the exports that point csops at it", async () => {
    const port = await findFreePort();
    const running = csops(
      "fake-apis",
      "--port",
      String(port),
      "--customers",
      "30",
      "--as-of",
      "2026-12-03",
    );
    await waitUntilListening(port);
    const owners = await fetch(`http://127.0.0.1:${port}/crm/v3/owners`);
    expect(owners.status).toBe(401);
    // The command waits for Ctrl-C once it has printed the exports; nothing else listens.
    await waitFor(() => process.listenerCount("SIGINT") === 1);
    process.emit("SIGINT");
    const run = await running;

    expect(run.exitCode).toBe(0);
    const url = `http://127.0.0.1:${port}`;
    expect(run.stdout).toMatch(
      new RegExp(
        `^export HUBSPOT_BASE_URL=${url}\\nexport HUBSPOT_ACCESS_TOKEN=pat-na1-[\\w-]+\\n` +
          `export STRIPE_API_BASE=${url}\\nexport STRIPE_API_KEY=rk_test_\\w+\\n` +
          `export MATOMO_URL=${url}/index.php\\nexport MATOMO_TOKEN_AUTH=[0-9a-f]{32}\\n$`,
      ),
    );
    expect(run.stderr).toMatch(/demo business \(30 agencies, as of 2026-12-03\)/);
    await expect(fetch(`${url}/crm/v3/owners`)).rejects.toThrow();
  });
});

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
    server.on("error", reject);
  });
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!condition()) throw new Error("the condition never held");
}

async function waitUntilListening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}
