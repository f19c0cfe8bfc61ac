import { utimesSync } from "node:fs";
import { copyFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { configSchema } from "../../config/config-schema.js";
import { collectExportRows } from "../collect-export-rows.js";
import { openExportOrFail } from "../open-export.js";
import type { OpenExportOptions } from "../opened-export.js";

const fixtures = fileURLToPath(new URL("../../../test/fixtures/importers/", import.meta.url));

async function read(file: string, settings: object = {}, options: Partial<OpenExportOptions> = {}) {
  const config = configSchema.parse(settings);
  const opened = await openExportOrFail(file, { config, ...options });

  return { opened, ...(await collectExportRows(opened)) };
}

describe("preset matomo_api", () => {
  it("reads the visits log CSV: ids, user ids, events, and rows it cannot take", async () => {
    const { records, rejected, summary } = await read(fixtures + "matomo-visits.csv");

    expect(records.map((row) => row.record)).toEqual([
      {
        visitId: "1:101",
        userId: "jane.doe@derras-realestate.co.uk",
        visitedAt: Date.UTC(2026, 10, 23, 8) / 1000,
        visitDate: "2026-11-23",
        events: [
          { category: "Feature", action: "listing_created", name: undefined },
          { category: "Feature", action: "valuation_report", name: "Report, monthly" },
        ],
      },
      expect.objectContaining({
        visitId: "1:102",
        userId: "-ops@harbourview-lettings.co.uk",
        events: [],
      }),
      expect.objectContaining({ visitId: "1:103", userId: undefined, visitDate: "2026-11-29" }),
    ]);
    expect(rejected).toEqual([
      {
        line: 5,
        problems: [
          {
            column: "idVisit",
            value: "101",
            message: "repeats the visit of line 2; the first was kept",
          },
        ],
      },
      {
        line: 6,
        problems: [
          {
            column: "serverTimestamp",
            value: "1795593600000",
            message: "expected a Unix time in seconds (this looks like milliseconds)",
          },
        ],
      },
    ]);
    expect(summary).toEqual({
      rowsRead: 5,
      coverage: { from: "2026-11-23", to: "2026-11-29" },
      dataAsOf: Date.UTC(2026, 10, 30) / 1000,
    });
  });

  it("gives coverage and as-of time in the team's zone", async () => {
    const { summary } = await read(fixtures + "matomo-visits.csv", {
      time_zone: "Pacific/Kiritimati",
    });

    expect(summary.coverage).toEqual({ from: "2026-11-23", to: "2026-11-30" });
    expect(summary.dataAsOf).toBe(Date.UTC(2026, 10, 30, 10) / 1000);
  });

  it("reads the visits log as JSON, numbers as strings or not, nested fields ignored", async () => {
    const { opened, records, rejected } = await read(fixtures + "matomo-visits.json");

    expect([opened.kind, opened.preset, opened.format]).toEqual([
      "matomo_visits",
      "matomo_api",
      "json",
    ]);
    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        visitId: "1:401",
        visitedAt: 1795420800,
        events: [
          {
            category: "Feature",
            action: "valuation_report",
            name: "Spirited Away (千と千尋の神隠し)",
          },
        ],
      }),
      expect.objectContaining({ visitId: "1:402", userId: undefined, events: [] }),
    ]);
    expect(rejected).toEqual([
      {
        line: 3,
        problems: [expect.objectContaining({ column: "serverTimestamp", value: "yesterday" })],
      },
      { line: 4, problems: [{ message: "expected a visit object" }] },
    ]);
  });
});

describe("preset matomo_ui", () => {
  it("reads the visits log with English column labels", async () => {
    const { opened, records } = await read(fixtures + "matomo-ui-visits.csv");

    expect(opened.preset).toBe("matomo_ui");
    expect(records.map((row) => row.record)).toEqual([
      expect.objectContaining({
        visitId: "1:301",
        visitedAt: 1795420800,
        events: [{ category: "Feature", action: "listing_created", name: undefined }],
      }),
      expect.objectContaining({
        visitId: "1:302",
        visitedAt: Date.UTC(2026, 10, 24, 23, 30) / 1000,
      }),
    ]);
  });
});

describe("preset matomo_users", () => {
  it("reads per-user aggregates as of the export date given", async () => {
    const { opened, records, rejected, summary } = await read(
      fixtures + "matomo-users.csv",
      {},
      {
        exportedOn: "2026-12-01",
      },
    );

    expect(opened.kind).toBe("matomo_users");
    expect(records.map((row) => row.record)).toEqual([
      {
        userId: "jane.doe@derras-realestate.co.uk",
        exportedOn: "2026-12-01",
        lastLoginDate: "2026-11-28",
        logins30d: 12,
        featuresUsed30d: 4,
      },
      expect.objectContaining({ lastLoginDate: "never", logins30d: 0 }),
      expect.objectContaining({ userId: "tom@oakandstone.com", lastLoginDate: undefined }),
    ]);
    expect(rejected).toEqual([
      {
        line: 5,
        problems: [
          expect.objectContaining({ column: "Last login", value: "28/11/2026" }),
          expect.objectContaining({ column: "Logins (30 days)", value: "twelve" }),
        ],
      },
    ]);
    expect(summary.dataAsOf).toBe(Date.UTC(2026, 11, 1) / 1000);
  });

  it("takes the export date from the file's modification time, in the team's zone", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "csops-")), "users.csv");
    await copyFile(fixtures + "matomo-users.csv", file);
    const modified = Date.UTC(2026, 10, 30, 20) / 1000; // 2026-12-01 10:00 at Kiritimati
    utimesSync(file, modified, modified);

    const inLondon = await read(file);
    const inKiritimati = await read(file, { time_zone: "Pacific/Kiritimati" });

    expect(inLondon.records[0]?.record).toMatchObject({ exportedOn: "2026-11-30" });
    expect(inKiritimati.records[0]?.record).toMatchObject({ exportedOn: "2026-12-01" });
  });
});
