import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, expect, it } from "vitest";

import { formatQueueHeader } from "../cli/format-queue.js";
import { writeDemoExports } from "../demo/write-demo-exports.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import { CONFIG, LOGGER, RULES, TIME_ZONE, at, runOn } from "./daily-test-kit.js";
import { importExports } from "./import-exports.js";
import { loadQueue } from "./load-queue.js";

// The 850-agency demo business, imported and run on the morning its exports were made.
const DATE = "2026-12-03";
const folder = mkdtempSync(join(tmpdir(), "csops-demo-run-"));

beforeAll(async () => {
  await writeDemoExports({
    outDir: folder,
    customers: 850,
    asOf: DATE,
    seed: 1,
    timeZone: TIME_ZONE,
  });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeEachDatabase("the daily run on the demo business", (database) => {
  it("gives a believable morning: a short list led by the calls", async () => {
    const { store } = database;
    await importExports([folder], {
      store,
      config: CONFIG,
      logger: LOGGER,
      now: () => at(DATE, 8),
    });

    const summary = await runOn(store, DATE);

    // 850 agencies, of which the import refused 2 planted bad rows.
    expect(summary.customers).toBe(848);
    expect(summary.degraded).toBe(false);
    const { segments } = summary;
    expect(segments.healthy_stable).toBeGreaterThan(summary.customers / 2);
    for (const segment of RULES.precedence) expect(segments[segment]).toBeGreaterThan(0);
    expect(segments.revenue_at_risk).toBeLessThan(80);
    expect(segments.onboarding_stuck).toBeLessThan(segments.engagement_drop);
    expect(segments.data_gap + segments.none).toBeGreaterThan(0);

    const actionable =
      segments.revenue_at_risk +
      segments.onboarding_stuck +
      segments.engagement_drop +
      segments.expansion_opportunity;
    expect(summary.tasks.alerts).toBe(actionable);
    // Check-ins: the Healthy & Stable customers whose day of the quarter fell in the last week.
    expect(summary.tasks.checkIns).toBeGreaterThan(0);
    expect(summary.tasks.checkIns).toBeLessThan(segments.healthy_stable / 5);

    const queue = await loadQueue(DATE, { store, config: CONFIG, rules: RULES });
    expect(queue.items).toHaveLength(summary.tasks.open);
    expect(queue.items[0]?.task).toMatchObject({ kind: "alert", segment: "revenue_at_risk" });
    expect(formatQueueHeader(queue.counts)).toMatch(
      /^\d+ Revenue at Risk \(call\) · \d+ Onboarding Stuck \(training call\) · \d+ Engagement Drop \(re-engagement email\) · \d+ Expansion Opportunity \(upsell conversation\) · \d+ Quarterly check-ins \(quarterly check-in\)$/,
    );
    // Within the team's 250 touchpoints: nothing due this week is over capacity.
    expect(queue.capacity.counts.over_capacity).toBe(0);

    const owners = new Set(queue.items.map((item) => item.task.owner));
    expect(owners).toEqual(new Set(["Alex Morgan", "Sam Patel"]));
  });

  it("creates nothing when the same morning runs again", async () => {
    const again = await runOn(database.store, DATE, 10);

    expect(again.tasks).toMatchObject({ created: 0, cleared: 0, superseded: 0 });
    expect(again.historyChanges).toBe(0);
  });
});
