import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import type { SourceKind } from "../domain/records.js";
import { collectExportRows } from "./collect-export-rows.js";
import { openExportOrFail } from "./open-export.js";
import type { PresetName } from "./opened-export.js";

const formats = fileURLToPath(new URL("../../../shared/formats/", import.meta.url));
const config = configSchema.parse({});

type Expected =
  | { kind: SourceKind; preset: PresetName; rows: number; records: number }
  | { refused: "import_unsupported" | "import_unknown_kind"; reason: string };

const XML: Expected = { refused: "import_unsupported", reason: "XML output" };
const MATOMO_REPORT: Expected = { refused: "import_unsupported", reason: "aggregated metrics" };
const SCHEDULED: Expected = { refused: "import_unsupported", reason: "scheduled e-mail report" };
const ENGAGEMENTS: Expected = { refused: "import_unsupported", reason: "HubSpot engagements" };
const FIXTURES: Expected = { refused: "import_unsupported", reason: "OpenAPI fixtures" };

/** Every sample, and what csops makes of it; a sample missing here fails the suite. */
const EXPECTED: Record<string, Expected> = {
  "hubspot/company_data.csv": {
    kind: "hubspot_companies",
    preset: "hubspot_warehouse",
    rows: 24,
    records: 24,
  },
  "hubspot/engagement_company_data.csv": ENGAGEMENTS,
  "hubspot/engagement_task_data.csv": ENGAGEMENTS,
  "hubspot/property_data.csv": {
    refused: "import_unsupported",
    reason: "HubSpot property definitions",
  },
  "hubspot/ticket_company_data.csv": {
    kind: "hubspot_ticket_companies",
    preset: "hubspot_warehouse",
    rows: 9,
    records: 9,
  },
  "hubspot/ticket_data.csv": {
    kind: "hubspot_tickets",
    preset: "hubspot_warehouse",
    rows: 25,
    records: 25,
  },
  "matomo/test_CustomEvents__Events.getAction_day.xml": XML,
  "matomo/test_CustomEvents__Events.getCategory_day.xml": XML,
  "matomo/test_CustomEvents__Live.getLastVisitsDetails_day.xml": XML,
  "matomo/test_OneVisitorTwoVisits_bulk_json__API.getBulkRequest.json": {
    refused: "import_unsupported",
    reason: "API.getBulkRequest",
  },
  "matomo/test_UserId_VisitorId__Live.getLastVisitsDetails_month.xml": XML,
  "matomo/test___UserId.getUsers_day.xml": XML,
  "matomo/test___UserId.getUsers_range.xml": XML,
  "matomo/test_csvExport__Live.getLastVisitsDetails_day.csv": {
    kind: "matomo_visits",
    preset: "matomo_api",
    rows: 2,
    records: 2,
  },
  "matomo/test_csvExport_multi__VisitsSummary.get_week.csv": {
    refused: "import_unsupported",
    reason: "over several periods",
  },
  "matomo/test_csvExport_xp1_inner0_trans-en__VisitsSummary.get_day.csv": MATOMO_REPORT,
  "matomo/test_csvExport_xp1_inner1_trans-de__Contents.getContentNames_day.csv": MATOMO_REPORT,
  "matomo/test_csvExport_xp1_inner1_trans-de__VisitsSummary.get_day.csv": MATOMO_REPORT,
  "matomo/test_ecommerceOrderWithItems_schedrep_in_csv__ScheduledReports.generateReport_week.original.csv":
    SCHEDULED,
  "matomo/test_ecommerceOrderWithItems_schedrep_in_tsv__ScheduledReports.generateReport_week.original.tsv":
    SCHEDULED,
  "matomo/test_utcMinus__Live.getVisitorProfile.xml": XML,
  "matomo/test_utcPlus__Live.getVisitorProfile.xml": XML,
  "stripe/charge_data.csv": {
    kind: "stripe_charges",
    preset: "stripe_warehouse",
    rows: 16,
    records: 16,
  },
  "stripe/customer_data.csv": {
    kind: "stripe_customers",
    preset: "stripe_warehouse",
    rows: 12,
    records: 12,
  },
  "stripe/fixtures3.json": FIXTURES,
  "stripe/pre-2025-03-31/fixtures3.json": FIXTURES,
  "stripe/pre-2025-03-31/invoice_in_fakefakefakefakefake0001.json": {
    kind: "stripe_invoices",
    preset: "stripe_api",
    rows: 1,
    records: 1,
  },
  "stripe/pre-2025-03-31/subscription_sub_fakefakefakefakefake0001.json": {
    kind: "stripe_subscriptions",
    preset: "stripe_api",
    rows: 1,
    records: 1,
  },
  "stripe/stripe-default.csv": {
    kind: "stripe_charges",
    preset: "stripe_dashboard",
    rows: 5,
    records: 5,
  },
  "stripe/subscription_data.csv": {
    kind: "stripe_subscriptions",
    preset: "stripe_warehouse",
    rows: 2,
    records: 2,
  },
};

function samplesIn(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return samplesIn(path);
    return name.endsWith(".md") ? [] : [relative(formats, path)];
  });
}

describe.skipIf(!existsSync(formats))("every sample in ../shared/formats", () => {
  const samples = existsSync(formats) ? samplesIn(formats) : [];

  it("has an expectation for each sample", () => {
    expect(samples.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(samples)("%s", async (sample) => {
    const expected = EXPECTED[sample];
    if (!expected) throw new Error(`no expectation for ${sample}`);
    const opening = openExportOrFail(join(formats, sample), { config });

    if ("refused" in expected) {
      await expect(opening).rejects.toMatchObject({
        code: expected.refused,
        message: expect.stringContaining(expected.reason),
      });
      return;
    }
    const opened = await opening;
    const { records, rejected, summary } = await collectExportRows(opened);
    expect([opened.kind, opened.preset]).toEqual([expected.kind, expected.preset]);
    expect(summary.rowsRead).toBe(expected.rows);
    expect(rejected).toEqual([]);
    expect(records).toHaveLength(expected.records);
  });

  it("keeps the warehouse's failed charges with their decline code", async () => {
    const opened = await openExportOrFail(join(formats, "stripe/charge_data.csv"), { config });
    const { records } = await collectExportRows(opened);
    const failed = records.filter(
      (row) => row.kind === "stripe_charges" && row.record.status === "failed",
    );

    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((row) => "failureCode" in row.record && row.record.failureCode)).toBe(true);
  });

  it("reads Matomo's CSV visits with their true timestamps", async () => {
    const file = join(formats, "matomo/test_csvExport__Live.getLastVisitsDetails_day.csv");
    const { records } = await collectExportRows(await openExportOrFail(file, { config }));

    expect(records.map((row) => row.record)).toEqual([
      {
        visitId: "1:2",
        userId: undefined,
        visitedAt: 1262519553,
        visitDate: "2010-01-03",
        events: [],
      },
      {
        visitId: "1:1",
        userId: undefined,
        visitedAt: 1262517753,
        visitDate: "2010-01-03",
        events: [],
      },
    ]);
  });
});

/**
 * Matomo's own visits at sites in UTC-12 and UTC+14, taken from the getVisitorProfile samples
 * (XML, which csops refuses) into the JSON the visits log would give.
 */
describe.skipIf(!existsSync(formats))("Matomo's border time zone samples", () => {
  const sites = [
    ["test_utcMinus__Live.getVisitorProfile.xml", "UTC-12", "Etc/GMT+12"],
    ["test_utcPlus__Live.getVisitorProfile.xml", "UTC+14", "Etc/GMT-14"],
  ] as const;

  it.each(sites)(
    "%s: each visit's date in the site's zone is the one Matomo shows",
    async (name, siteZone, iana) => {
      const visits = visitsOf(readFileSync(join(formats, "matomo", name), "utf8"));
      const file = await writeJson(visits.map(({ localDate: _, ...visit }) => visit));
      const team = configSchema.parse({ time_zone: iana, matomo: { site_time_zone: siteZone } });
      const { records } = await collectExportRows(await openExportOrFail(file, { config: team }));

      expect(
        records.map((row) => row.record).map((r) => ("visitDate" in r ? r.visitDate : "")),
      ).toEqual(visits.map((visit) => visit.localDate));
    },
  );

  it.each(sites)(
    "%s: action timestamps, unshifted by the site's zone, give the true instant",
    async (name, siteZone) => {
      const visits = visitsOf(readFileSync(join(formats, "matomo", name), "utf8"));
      const actionsOnly = visits.map(({ idSite, idVisit, actionDetails }) => ({
        idSite,
        idVisit,
        actionDetails,
      }));
      const file = await writeJson(actionsOnly);
      const site = configSchema.parse({ matomo: { site_time_zone: siteZone } });
      const { records } = await collectExportRows(await openExportOrFail(file, { config: site }));

      expect(records.map((row) => ("visitedAt" in row.record ? row.record.visitedAt : 0))).toEqual(
        visits.map((visit) => visit.firstActionTimestamp),
      );
    },
  );
});

const MONTHS =
  "January February March April May June July August September October November December";

function visitsOf(xml: string) {
  const lastVisits = xml.slice(xml.indexOf("<lastVisits>"), xml.indexOf("</lastVisits>"));
  const rows = lastVisits.split(/\n\t\t<row>/).slice(1);

  return rows.map((row) => {
    const field = (name: string): string =>
      /<(\w+)>([^<]*)<\/\1>/g.exec(row.slice(row.indexOf(`<${name}>`)))?.[2] ?? "";
    const [, month = "", day = "", year = ""] =
      /(\w+) (\d+), (\d{4})/.exec(field("serverDatePretty")) ?? [];
    const monthNumber = MONTHS.split(" ").indexOf(month) + 1;
    const actions = [...row.matchAll(/<timestamp>(\d+)<\/timestamp>/g)].map((match) => ({
      type: "action",
      timestamp: Number(match[1]),
    }));

    return {
      idSite: field("idSite"),
      idVisit: field("idVisit"),
      serverTimestamp: Number(field("serverTimestamp")),
      firstActionTimestamp: Number(field("firstActionTimestamp")),
      lastActionTimestamp: Number(field("lastActionTimestamp")),
      lastActionDateTime: field("lastActionDateTime"),
      actionDetails: actions,
      localDate: `${year}-${String(monthNumber).padStart(2, "0")}-${day.padStart(2, "0")}`,
    };
  });
}

async function writeJson(data: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "csops-")), "visits.json");
  await writeFile(file, JSON.stringify(data));

  return file;
}
