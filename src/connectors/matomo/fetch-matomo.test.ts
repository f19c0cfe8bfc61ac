import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { configSchema } from "../../config/config-schema.js";
import type { MatomoVisitRecord } from "../../domain/records.js";
import { createEmptyBusiness } from "../../fakes/fake-business.js";
import { createTestRequests, TEST_CREDENTIALS, TEST_SECRETS } from "../../fakes/fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "../../fakes/start-fake-apis.js";
import { readImportSettingsOrFail } from "../../importers/import-settings.js";
import type { ExportRow } from "../../importers/opened-export.js";
import { createSilentLogger } from "../../logger.js";
import { createListingSpool, type ListingSpool } from "../create-listing-spool.js";
import { createMatomoApi } from "./create-matomo-api.js";
import { fetchMatomo, type MatomoFetch } from "./fetch-matomo.js";

/** Four visits a day from 2026-11-25 to 2026-12-02, at 00:30, 06:00, 12:00 and 23:30 UTC. */
function visitsOfAWeek(): MatomoVisitRecord[] {
  const visits: MatomoVisitRecord[] = [];
  let id = 5000;
  for (let day = 25; day <= 32; day++) {
    for (const [hour, minute] of [
      [0, 30],
      [6, 0],
      [12, 0],
      [23, 30],
    ] as const) {
      const at = Date.UTC(2026, 10, day, hour, minute) / 1000;
      visits.push({
        visitId: `1:${id++}`,
        userId: `agent@agency${id % 3}.example`,
        visitedAt: at,
        visitDate: new Date(at * 1000).toISOString().slice(0, 10),
        events: [{ category: "Feature", action: `feature_${id % 4}` }],
      });
    }
  }
  return visits;
}

/** 2026-12-03 09:00 UTC. */
const NOW = Date.UTC(2026, 11, 3, 9) / 1000;

let fakes: RunningFakeApis;
let spool: ListingSpool;

beforeAll(async () => {
  const business = createEmptyBusiness();
  business.matomo = { siteId: 1, timeZone: "UTC", visits: visitsOfAWeek() };
  fakes = await startFakeApis({ business, credentials: TEST_CREDENTIALS });
  spool = await createListingSpool();
});
afterAll(async () => {
  await fakes.close();
  await spool.remove();
});
afterEach(() => {
  fakes.behaviour.matomoOverlappingPages = undefined;
  fakes.business.matomo.timeZone = "UTC";
  fakes.requests.length = 0;
});

function fetchWith(overrides: Partial<MatomoFetch> & { timeZone?: string } = {}): MatomoFetch {
  const { timeZone = "UTC", ...rest } = overrides;
  const config = configSchema.parse({ time_zone: timeZone });
  return {
    api: createMatomoApi({
      tokenAuth: TEST_SECRETS.matomo,
      url: new URL(fakes.url),
      pageSize: 3,
      requests: createTestRequests(),
    }),
    settings: readImportSettingsOrFail(config),
    spool,
    logger: createSilentLogger(),
    now: NOW,
    siteId: 1,
    backfillDays: 5,
    ...rest,
  };
}

async function rowsOf(listing: { rows(): AsyncIterable<ExportRow> }): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for await (const row of listing.rows()) rows.push(row);
  return rows;
}

describe("fetchMatomo", () => {
  it("fetches the closed days of the backfill, oldest first, as one listing of visits", async () => {
    const [listing, ...others] = await fetchMatomo(fetchWith());

    expect(others).toEqual([]);
    expect(listing?.summary).toEqual({
      rowsRead: 20,
      coverage: { from: "2026-11-28", to: "2026-12-02" },
      dataAsOf: Date.UTC(2026, 11, 3) / 1000,
    });
    const dates = fakes.requests.map((r) => r.body?.date).filter((d) => d !== undefined);
    expect([...new Set(dates)]).toEqual([
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
    ]);
    const rows = await rowsOf(listing!);
    expect(rows[0]).toEqual({
      line: 1,
      kind: "matomo_visits",
      record: {
        visitId: "1:5012",
        userId: "agent@agency0.example",
        visitedAt: Date.UTC(2026, 10, 28, 0, 30) / 1000,
        visitDate: "2026-11-28",
        events: [{ category: "Feature", action: "feature_1" }],
      },
    });
  });

  it("keeps a visit repeated across pages once, and rejects nothing", async () => {
    fakes.behaviour.matomoOverlappingPages = true;

    const [listing] = await fetchMatomo(fetchWith());

    const rows = await rowsOf(listing!);
    expect(rows.every((row) => !("problems" in row))).toBe(true);
    const ids = rows.map((row) =>
      "record" in row ? (row.record as MatomoVisitRecord).visitId : "",
    );
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it("after a sync, fetches only the days since; with every closed day fetched, nothing", async () => {
    const [listing] = await fetchMatomo(fetchWith({ syncedUntil: Date.UTC(2026, 11, 1) / 1000 }));
    expect(listing?.summary.coverage).toEqual({ from: "2026-12-01", to: "2026-12-02" });

    expect(await fetchMatomo(fetchWith({ syncedUntil: Date.UTC(2026, 11, 3) / 1000 }))).toEqual([]);
  });

  it("covers only the team's days that lie wholly inside the site's days fetched", async () => {
    fakes.business.matomo.timeZone = "Pacific/Auckland";
    // The site's 2026-11-29 … 2026-12-03 (UTC+13) as seen from London (UTC).
    const [listing] = await fetchMatomo(
      fetchWith({ timeZone: "Europe/London", now: Date.UTC(2026, 11, 3, 12) / 1000 }),
    );

    expect(listing?.summary.coverage).toEqual({ from: "2026-11-29", to: "2026-12-02" });
    expect(listing?.summary.dataAsOf).toBe(Date.UTC(2026, 11, 3, 11) / 1000);
  });
});
