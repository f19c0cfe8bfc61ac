import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import { createDemoRun } from "../demo/create-demo-run.js";
import { planCustomer } from "../demo/plan-customer.js";
import { writeDemoExports } from "../demo/write-demo-exports.js";
import { decideSegment } from "../domain/decide-segment.js";
import { createSilentLogger } from "../logger.js";
import { loadRulesOrFail } from "../rules/load-rules.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import { buildCustomerFacts } from "./build-customer-facts.js";
import { importExports } from "./import-exports.js";

const config = configSchema.parse({});
const rules = loadRulesOrFail();
const asOf = "2026-12-03";
const customers = 400;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "csops-facts-"));
  await writeDemoExports({ outDir: folder, customers, asOf, seed: 3, timeZone: config.time_zone });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeEachDatabase("the demo business, imported and evaluated", (t) => {
  it("puts every customer in the segment its profile was written for", async () => {
    await importExports([folder], {
      store: t.store,
      config,
      logger: createSilentLogger(),
      now: () => 1_796_300_000,
    });

    const { build, join: joined } = await buildCustomerFacts(t.store, config, rules, asOf);
    const segments = new Map(
      build.customers.map((row) => [row.facts.customerId, decideSegment(row.facts, asOf, rules)]),
    );

    const run = createDemoRun({ customers, asOf, seed: 3, timeZone: config.time_zone });
    const wrong: string[] = [];
    for (let index = 0; index < customers; index += 1) {
      const plan = planCustomer(run, index);
      const decision = segments.get(plan.companyId);
      const got = decision?.segment ?? "rejected";
      if (got !== plan.profile.intended) wrong.push(`${plan.name} (${plan.profile.id}): ${got}`);
    }
    expect(wrong).toEqual([]);
    expect(build.sources.map((s) => s.state)).toEqual(["fresh", "fresh", "fresh"]);
    expect(joined.report.unattributedVisits.share).toBeGreaterThan(0.05);
  });

  it("makes Matomo's facts unknown once its data is older than allowed, and says so", async () => {
    const later = "2026-12-15";
    const { build } = await buildCustomerFacts(t.store, config, rules, later);

    const matomo = build.sources.find((s) => s.source === "matomo");
    expect(matomo).toMatchObject({ state: "stale", ageDays: 12, maxAgeDays: 8 });
    expect(matomo?.message).toMatch(/Matomo data is 12 days old \(allowed 8\)/);
    expect(build.customers.every((row) => row.facts.logins30d === undefined)).toBe(true);
    expect(build.customers.every((row) => row.facts.lastLogin === undefined)).toBe(true);
  });
});
