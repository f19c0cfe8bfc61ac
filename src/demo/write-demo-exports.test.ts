import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { parse } from "csv-parse/sync";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isCalendarDate } from "../domain/dates.js";
import { decideSegment } from "../domain/decide-segment.js";
import type { CustomerFacts } from "../domain/facts.js";
import { loadRulesOrFail } from "../rules/load-rules.js";
import { createDemoRun } from "./create-demo-run.js";
import { dateOfDayNumber, dayNumberOf } from "./day-numbers.js";
import { intendedFactsOf } from "./intended-facts.js";
import { planCustomer } from "./plan-customer.js";
import { writeDemoExports, type DemoOptions, type DemoSummary } from "./write-demo-exports.js";

const ASOF = "2026-12-03";
const ZONE = "Europe/London";
const scratch = mkdtempSync(join(tmpdir(), "csops-demo-"));
const options = (overrides: Partial<DemoOptions>): DemoOptions => ({
  outDir: join(scratch, String(Object.values(overrides).join("-"))),
  customers: 850,
  asOf: ASOF,
  seed: 1,
  timeZone: ZONE,
  ...overrides,
});

let summary: DemoSummary;
const outDir = () => summary.outDir;
const bytesOf = (name: string, dir = outDir()) => readFileSync(join(dir, name));

beforeAll(async () => {
  summary = await writeDemoExports(options({ outDir: join(scratch, "main") }));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The headers promised to the importers (presets hubspot_ui, stripe_dashboard, matomo_api). */
const EXPECTED_HEADERS: Record<string, string> = {
  "hubspot-companies.csv":
    '"Record ID","Company name","Company Domain Name","Company owner","Create Date","Plan",' +
    '"Contract end date","Customer since","Stripe customer ID"',
  "hubspot-tickets.csv":
    '"Ticket ID","Ticket name","Create date","Close date","Pipeline","Ticket status",' +
    '"Associated Company IDs"',
  "stripe-customers.csv":
    "id,Description,Email,Name,Created (UTC),Delinquent,hubspot_company_id (metadata)",
  "stripe-subscriptions.csv":
    "id,Customer ID,Customer Email,Customer Name,Plan,Product,Quantity,Currency,Interval,Amount," +
    "Status,Created (UTC),Start Date (UTC),Current Period Start (UTC),Current Period End (UTC)," +
    "Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Ended At (UTC),Cancel At Period End",
  "stripe-invoices.csv":
    "id,Number,Customer,Customer Email,Subscription,Status,Currency,Amount Due,Amount Paid," +
    "Amount Remaining,Attempt Count,Attempted,Date (UTC),Due Date (UTC)",
};

function textOf(name: string, dir = outDir()): string {
  const bytes = bytesOf(name, dir);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");

  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

function rowsOf(name: string, dir = outDir()): Record<string, string>[] {
  return parse(textOf(name, dir), { columns: true }) as Record<string, string>[];
}

function linesOf(name: string): string[] {
  return textOf(name).split(/\r?\n/);
}

describe("the files writeDemoExports writes", () => {
  it("are the six exports, with the headers the importers are written against", () => {
    expect(readdirSync(outDir()).sort()).toEqual([
      "hubspot-companies.csv",
      "hubspot-tickets.csv",
      "matomo-visits.csv",
      "stripe-customers.csv",
      "stripe-invoices.csv",
      "stripe-subscriptions.csv",
    ]);
    for (const [name, header] of Object.entries(EXPECTED_HEADERS)) {
      expect(linesOf(name)[0], name).toBe(header);
    }

    const actions = Array.from({ length: 8 }, (_, index) =>
      ["type", "eventCategory", "eventAction", "eventName", "timestamp"].map(
        (field) => `actionDetails_${index}_${field}`,
      ),
    ).flat();
    expect(linesOf("matomo-visits.csv")[0]).toBe(
      "idSite,idVisit,visitorId,userId,visitCount,serverDate,serverTimestamp," +
        "firstActionTimestamp,lastActionTimestamp,lastActionDateTime,actions,events," +
        actions.join(","),
    );
  });

  it("encode as each vendor does: BOMs, line ends, Matomo's UTF-16LE without a last newline", () => {
    const companies = bytesOf("hubspot-companies.csv");
    const stripe = bytesOf("stripe-invoices.csv");
    const matomo = bytesOf("matomo-visits.csv");

    expect([...companies.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(companies.subarray(-2).toString()).toBe("\r\n");
    expect(stripe[0]).toBe("i".charCodeAt(0));
    expect(stripe.subarray(-1).toString()).toBe("\n");
    expect(stripe.includes("\r")).toBe(false);
    expect([...matomo.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(matomo.length % 2).toBe(0);
    expect(textOf("matomo-visits.csv").endsWith("\n")).toBe(false);
    expect(textOf("matomo-visits.csv").includes("\r")).toBe(false);
  });

  it("quote every HubSpot value and give each row the header's number of cells", () => {
    for (const line of linesOf("hubspot-companies.csv").filter((text) => text !== "")) {
      expect(line).toMatch(/^"[^"]*"(,"[^"]*")*$/);
    }
    for (const name of [...Object.keys(EXPECTED_HEADERS), "matomo-visits.csv"]) {
      const records = parse(textOf(name), { relax_column_count: true }) as string[][];
      const width = records[0]?.length;
      for (const record of records) expect(record.length, name).toBe(width);
    }
  });

  it("count rows as the summary says, and date each file that morning before 09:00", () => {
    const nine = Temporal.PlainDate.from(ASOF).toZonedDateTime({
      timeZone: ZONE,
      plainTime: "09:00",
    }).epochMilliseconds;

    for (const file of summary.files) {
      expect(rowsOf(file.name).length, file.name).toBe(file.rows);
      expect(statSync(file.path).size).toBe(file.bytes);
      expect(statSync(file.path).mtimeMs).toBe(file.modifiedAt * 1000);
      expect(nine - file.modifiedAt * 1000).toBeGreaterThan(0);
      expect(nine - file.modifiedAt * 1000).toBeLessThanOrEqual(60 * 60 * 1000);
    }
    expect(summary.files.find((file) => file.name === "hubspot-companies.csv")?.rows).toBe(850);
  });
});

describe("the malformed rows", () => {
  it("plants one of each accident, at the line and column the summary names", () => {
    const byColumn = new Map(summary.planted.map((problem) => [problem.column, problem]));

    expect(byColumn.get("Record ID")?.value).toMatch(/^\d\.\d{1,5}E\+1\d$/);
    expect(byColumn.get("Contract end date")?.value).toBe("2027-02-30");
    expect(byColumn.get("Amount Remaining")?.value).toBe("n/a");
    expect(byColumn.get("lastActionDateTime")?.value).toBe("0000-00-00 00:00:00");
    expect(summary.planted).toHaveLength(4);

    for (const problem of summary.planted) {
      const records = parse(textOf(problem.file), { columns: true, info: true }) as {
        record: Record<string, string>;
        info: { lines: number };
      }[];
      const row = records.find(({ info }) => info.lines === problem.line);
      expect(row?.record[problem.column], problem.reason).toBe(problem.value);
    }
  });

  it("break a Matomo visit's every timestamp, MySQL's zero date standing in", () => {
    const problem = summary.planted.find((planted) => planted.file === "matomo-visits.csv");
    const row = linesOf("matomo-visits.csv")[(problem?.line ?? 0) - 1] ?? "";

    expect(row.split(",").slice(5, 10)).toEqual(["0000-00-00", "", "", "", "0000-00-00 00:00:00"]);
  });

  it("stay under 1% of each file's rows", () => {
    for (const file of summary.files) {
      const planted = summary.planted.filter((problem) => problem.file === file.name).length;
      expect(planted / file.rows, file.name).toBeLessThanOrEqual(0.01);
    }
  });
});

describe("determinism and scale", () => {
  it("writes the same bytes for the same seed and different ones for another seed", async () => {
    const again = await writeDemoExports(options({ customers: 300, outDir: join(scratch, "a") }));
    const same = await writeDemoExports(options({ customers: 300, outDir: join(scratch, "b") }));
    const other = await writeDemoExports(
      options({ customers: 300, seed: 2, outDir: join(scratch, "c") }),
    );

    for (const file of again.files) {
      expect(bytesOf(file.name, same.outDir).equals(bytesOf(file.name, again.outDir))).toBe(true);
      expect(bytesOf(file.name, other.outDir).equals(bytesOf(file.name, again.outDir))).toBe(false);
    }
  });

  it("grows every file with the number of customers", async () => {
    const small = await writeDemoExports(options({ customers: 200, timeZone: "America/New_York" }));
    const large = await writeDemoExports(options({ customers: 400, timeZone: "America/New_York" }));

    for (const file of small.files) {
      const ratio = (large.files.find((other) => other.name === file.name)?.rows ?? 0) / file.rows;
      expect(ratio, file.name).toBeGreaterThan(1.6);
      expect(ratio, file.name).toBeLessThan(2.4);
    }
    // Visits a customer in 30 days, the 60 days of the log halved.
    expect(small.visits.total / 200 / 2).toBeGreaterThan(9);
    expect(small.visits.total / 200 / 2).toBeLessThan(15);
  });

  it("shifts action timestamps by the Matomo site's offset, not the visit's", async () => {
    const berlin = await writeDemoExports(
      options({ customers: 30, siteTimeZone: "Europe/Berlin", outDir: join(scratch, "berlin") }),
    );
    const visits = rowsOf("matomo-visits.csv", berlin.outDir);

    // Berlin is two hours ahead of UTC until its clocks go back on 25 October, then one; the
    // first action starts the visit.
    const shifts = new Set<number>();
    for (const visit of visits.filter((row) => row.firstActionTimestamp !== "")) {
      const shift = Number(visit.actionDetails_0_timestamp) - Number(visit.firstActionTimestamp);
      const date = teamDateOf(Number(visit.firstActionTimestamp));
      expect(shift, date).toBe(date < "2026-10-25" ? 7200 : 3600);
      shifts.add(shift);
    }
    expect([...shifts].sort()).toEqual([3600, 7200]);
  });

  it("refuses options it cannot honour, naming them", async () => {
    await expect(writeDemoExports(options({ customers: 0 }))).rejects.toThrow(/customers/);
    await expect(writeDemoExports(options({ asOf: "2026-02-30" }))).rejects.toThrow(/as-of/);
    await expect(writeDemoExports(options({ timeZone: "Mars/Olympus" }))).rejects.toThrow(
      /time zone/,
    );
    for (const visitDays of [29, 367, 45.5]) {
      await expect(writeDemoExports(options({ visitDays }))).rejects.toThrow(
        `visit days must be a whole number from 30 to 366, not ${visitDays}`,
      );
    }
  });

  it("reports a folder it cannot write to as file_unwritable", async () => {
    const blocked = join(outDir(), "hubspot-companies.csv", "demo");

    await expect(writeDemoExports(options({ outDir: blocked }))).rejects.toMatchObject({
      code: "file_unwritable",
    });
  });
});

describe("what importing the files should give", () => {
  // A small reader of the six files, independent of the importers: it recomputes each
  // customer's facts from the written rows and checks them against the plan.
  let derived: Map<string, CustomerFacts>;
  beforeAll(() => {
    derived = deriveFacts(outDir(), summary.visitDays);
  });

  it("matches every customer's intended facts, and so its intended segment", () => {
    const run = createDemoRun({ customers: 850, asOf: ASOF, seed: 1, timeZone: ZONE });
    const rules = loadRulesOrFail();
    const outcomes = new Map<string, number>();

    for (let index = 0; index < 850; index += 1) {
      const plan = planCustomer(run, index);
      const facts = derived.get(plan.companyId);
      if (plan.profile.intended === "rejected") continue;

      expect(facts, plan.name).toEqual(intendedFactsOf(plan, run.asOfDay, summary.visitDays));
      const segment = decideSegment(facts as CustomerFacts, ASOF, rules).segment;
      expect(segment, plan.name).toBe(plan.profile.intended);
      outcomes.set(segment, (outcomes.get(segment) ?? 0) + 1);
    }
    expect([...outcomes.keys()].sort()).toEqual([
      "data_gap",
      "engagement_drop",
      "expansion_opportunity",
      "healthy_stable",
      "none",
      "onboarding_stuck",
      "revenue_at_risk",
    ]);
  });

  it("covers each of the 60 days before the evaluation date with signed-in and anonymous visits", () => {
    const visits = rowsOf("matomo-visits.csv").filter((visit) => visit.firstActionTimestamp !== "");
    const daysOf = (rows: Record<string, string>[]) =>
      [...new Set(rows.map((visit) => teamDateOf(Number(visit.firstActionTimestamp))))].sort();
    const window = Array.from({ length: 60 }, (_, back) =>
      dateOfDayNumber(dayNumberOf(ASOF) - 60 + back),
    );

    expect(summary.visitDays).toBe(60);
    expect(daysOf(visits)).toEqual(window);
    expect(daysOf(visits.filter((visit) => visit.userId === ""))).toEqual(window);
    expect(daysOf(visits.filter((visit) => visit.userId !== ""))).toEqual(window);
  });

  it("leaves about 15% of visits anonymous, names users by e-mail, uses eight features", () => {
    const visits = rowsOf("matomo-visits.csv");
    const anonymous = visits.filter((visit) => visit.userId === "").length / visits.length;
    const features = new Set(
      visits.flatMap((visit) =>
        Array.from({ length: 8 }, (_, index) => visit[`actionDetails_${index}_eventAction`] ?? ""),
      ),
    );
    features.delete("");

    for (const visit of visits.filter((row) => row.userId !== "")) {
      // Such ids need neither Matomo's formula guard nor quotes.
      expect(visit.userId).toMatch(/^[a-z]+\.[a-z]+@[a-z0-9]+(-[a-z0-9]+)+\.(co\.uk|com|uk)$/);
    }
    expect(anonymous).toBeGreaterThan(0.11);
    expect(anonymous).toBeLessThan(0.19);
    expect(features.size).toBe(8);
  });
});

function teamDateOf(unixSeconds: number): string {
  return Temporal.Instant.fromEpochMilliseconds(unixSeconds * 1000)
    .toZonedDateTimeISO(ZONE)
    .toPlainDate()
    .toString();
}

/**
 * Facts per company id from the files, by DESIGN.md's definitions, as of ASOF: the last login
 * from the whole log, which covers the `visitDays` days before ASOF, and the counts from its
 * last 30 days.
 */
function deriveFacts(dir: string, visitDays: number): Map<string, CustomerFacts> {
  const asOfDay = dayNumberOf(ASOF);
  const inWindow = (date: string, days: number) => {
    const day = dayNumberOf(date);
    return day >= asOfDay - days && day < asOfDay;
  };
  const companies = rowsOf("hubspot-companies.csv", dir).filter(
    (row) => /^\d+$/.test(row["Record ID"] ?? "") && isCalendarDate(row["Contract end date"] ?? ""),
  );
  const byDomain = new Map(
    companies.map((row) => [
      (row["Company Domain Name"] ?? "").toLowerCase().replace(/^www\./, ""),
      row["Record ID"] ?? "",
    ]),
  );
  const byStripeId = new Map(companies.map((row) => [row["Stripe customer ID"], row["Record ID"]]));
  const domainOf = (email: string) => email.slice(email.indexOf("@") + 1).toLowerCase();

  const tickets = new Map<string, number>();
  for (const ticket of rowsOf("hubspot-tickets.csv", dir)) {
    if (!inWindow((ticket["Create date"] ?? "").slice(0, 10), 30)) continue;
    for (const id of (ticket["Associated Company IDs"] ?? "").split(";").filter(Boolean)) {
      tickets.set(id, (tickets.get(id) ?? 0) + 1);
    }
  }

  const companyOfCustomer = new Map<string, string>();
  const failed = new Set<string>();
  for (const customer of rowsOf("stripe-customers.csv", dir)) {
    const company =
      customer["hubspot_company_id (metadata)"] ||
      byStripeId.get(customer.id) ||
      (domainOf(customer.Email ?? "") === "gmail.com"
        ? undefined
        : byDomain.get(domainOf(customer.Email ?? "")));
    if (company === undefined) continue;
    companyOfCustomer.set(customer.id ?? "", company);
    if (customer.Delinquent === "true") failed.add(company);
  }
  const current = new Set<string>();
  for (const subscription of rowsOf("stripe-subscriptions.csv", dir)) {
    const company = companyOfCustomer.get(subscription["Customer ID"] ?? "");
    if (company === undefined) continue;
    if (["past_due", "unpaid"].includes(subscription.Status ?? "")) failed.add(company);
    if (["active", "trialing"].includes(subscription.Status ?? "")) current.add(company);
  }
  for (const invoice of rowsOf("stripe-invoices.csv", dir)) {
    const company = companyOfCustomer.get(invoice.Customer ?? "");
    if (company === undefined || invoice.Status !== "open") continue;
    const due = invoice["Due Date (UTC)"]?.slice(0, 10) ?? "";
    if (invoice.Attempted === "true" || (due !== "" && due < ASOF)) failed.add(company);
  }

  const usage = new Map<string, { logins: number; last: string; features: Set<string> }>();
  for (const visit of rowsOf("matomo-visits.csv", dir)) {
    const company = byDomain.get(domainOf(visit.userId ?? ""));
    if (visit.userId === "" || company === undefined) continue;
    const date = teamDateOf(Number(visit.firstActionTimestamp));
    const entry = usage.get(company) ?? { logins: 0, last: "", features: new Set<string>() };
    usage.set(company, entry);
    entry.last = date > entry.last ? date : entry.last;
    if (!inWindow(date, 30)) continue;
    entry.logins += 1;
    for (let index = 0; index < 8; index += 1) {
      if (visit[`actionDetails_${index}_eventCategory`] === "Feature") {
        entry.features.add(visit[`actionDetails_${index}_eventAction`] ?? "");
      }
    }
  }

  return new Map(
    companies.map((row) => {
      const id = row["Record ID"] ?? "";
      const use = usage.get(id);
      const facts: CustomerFacts = {
        customerId: id,
        name: row["Company name"] ?? "",
        plan: row.Plan,
        contractEndDate: row["Contract end date"],
        accountStartDate: row["Customer since"],
        supportTickets: tickets.get(id) ?? 0,
        paymentFailed: failed.has(id) ? true : current.has(id) ? false : undefined,
        lastLogin:
          use === undefined
            ? { kind: "none_since", date: dateOfDayNumber(asOfDay - visitDays) }
            : { kind: "date", date: use.last },
        logins30d: use?.logins ?? 0,
        featuresUsed30d: use?.features.size ?? 0,
      };
      return [id, facts];
    }),
  );
}

const formatsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/formats");
const matomoSample = join(formatsDir, "matomo/test_csvExport__Live.getLastVisitsDetails_day.csv");
const matomoXml = [
  "test_CustomEvents__Live.getLastVisitsDetails_day.xml",
  "test_utcMinus__Live.getVisitorProfile.xml",
  "test_UserId_VisitorId__Live.getLastVisitsDetails_month.xml",
].map((name) => join(formatsDir, "matomo", name));

describe.skipIf(!existsSync(formatsDir))("compared with Matomo's own exports", () => {
  it("encodes the visits log as Matomo's CSV sample is encoded", () => {
    const sample = readFileSync(matomoSample);
    const ours = bytesOf("matomo-visits.csv");
    const lastCharacter = (bytes: Buffer) => bytes.subarray(-2).toString("utf16le");

    expect([...ours.subarray(0, 2)]).toEqual([...sample.subarray(0, 2)]);
    expect(lastCharacter(ours) === "\n").toBe(lastCharacter(sample) === "\n");
    expect(sample.subarray(2).toString("utf16le").includes("\r")).toBe(false);
  });

  it("writes only visit and action fields that Matomo's Live API returns", () => {
    const xml = matomoXml.map((file) => readFileSync(file, "utf8")).join("\n");
    const csvHeader = readFileSync(matomoSample).subarray(2).toString("utf16le").split("\n")[0];
    const known = new Set([
      ...(csvHeader ?? "").split(","),
      ...[...xml.matchAll(/<([A-Za-z]+)[ />]/g)].map((match) => match[1]),
    ]);

    const header = linesOf("matomo-visits.csv")[0]?.split(",") ?? [];
    for (const column of header) {
      const field = column.replace(/^actionDetails_\d+_/, "");
      expect(known.has(field), column).toBe(true);
    }
  });
});
