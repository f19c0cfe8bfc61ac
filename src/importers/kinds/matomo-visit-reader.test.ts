import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { configSchema } from "../../config/config-schema.js";
import { collectExportRows } from "../collect-export-rows.js";
import { openExportOrFail } from "../open-export.js";

const file = fileURLToPath(
  new URL("../../../test/fixtures/importers/matomo-timezones.json", import.meta.url),
);

async function visitDates(settings: object): Promise<Record<string, string>> {
  const opened = await openExportOrFail(file, { config: configSchema.parse(settings) });
  const { records } = await collectExportRows(opened);

  return Object.fromEntries(
    records.flatMap((row) =>
      row.kind === "matomo_visits" ? [[row.record.visitId, row.record.visitDate]] : [],
    ),
  );
}

/**
 * The visits of Matomo's own fixtures for a site at UTC-12 (visit at 2010-02-01 18:00 UTC) and
 * one at UTC+14 (2010-01-31 16:00 UTC). Both carry an action timestamp of 1265004000, which is
 * "2010-02-01 06:00" site-local written as if it were UTC: a date taken from it would be wrong.
 */
describe("a visit's date comes from its true timestamp, in the team's zone", () => {
  it("east of UTC (Pacific/Kiritimati, UTC+14)", async () => {
    const dates = await visitDates({
      time_zone: "Pacific/Kiritimati",
      matomo: { site_time_zone: "UTC-12" },
    });

    expect(dates["1:1"]).toBe("2010-02-02");
    expect(dates["2:2"]).toBe("2010-02-01");
  });

  it("west of UTC (America/Los_Angeles, UTC-8)", async () => {
    const dates = await visitDates({
      time_zone: "America/Los_Angeles",
      matomo: { site_time_zone: "UTC-12" },
    });

    expect(dates["1:1"]).toBe("2010-02-01");
    expect(dates["2:2"]).toBe("2010-01-31");
  });

  it("unshifts the action timestamp by the site's zone when a visit has no visit time", async () => {
    const visitOf = async (siteZone: string) => {
      const config = configSchema.parse({
        time_zone: "America/Los_Angeles",
        matomo: { site_time_zone: siteZone },
      });
      const { records } = await collectExportRows(await openExportOrFail(file, { config }));
      return records.find((row) => row.line === 3)?.record;
    };

    // 06:00 at a UTC-12 site is 18:00 UTC; at a UTC site it is 06:00 UTC, the evening before
    // in Los Angeles; at a UTC+14 site, 16:00 UTC the day before.
    expect(await visitOf("UTC-12")).toMatchObject({
      visitedAt: 1265047200,
      visitDate: "2010-02-01",
    });
    expect(await visitOf("UTC")).toMatchObject({ visitedAt: 1265004000, visitDate: "2010-01-31" });
    expect(await visitOf("Pacific/Kiritimati")).toMatchObject({ visitedAt: 1264953600 });
  });
});
