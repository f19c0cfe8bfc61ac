import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parse } from "csv-parse/sync";
import { Temporal } from "temporal-polyfill";
import { afterAll, describe, expect, it } from "vitest";

import { createDemoRun } from "./create-demo-run.js";
import { dateOfDayNumber, dayNumberOf } from "./day-numbers.js";
import { planCustomer } from "./plan-customer.js";
import { writeVisitsFile, type VisitsFileOptions } from "./write-visits-file.js";

const ASOF = "2026-12-03";
const ZONE = "Europe/London";
const scratch = mkdtempSync(join(tmpdir(), "csops-visits-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let written = 0;
async function writeVisits(overrides: Partial<VisitsFileOptions>) {
  written += 1;
  const options: VisitsFileOptions = {
    outDir: join(scratch, String(written)),
    customers: 300,
    asOf: ASOF,
    seed: 1,
    timeZone: ZONE,
    siteTimeZone: "UTC",
    visitDays: 60,
    ...overrides,
  };
  mkdirSync(options.outDir, { recursive: true });

  return { options, file: await writeVisitsFile(options) };
}

function visitsOf(path: string): Record<string, string>[] {
  const text = readFileSync(path).subarray(2).toString("utf16le");

  return parse(text, { columns: true }) as Record<string, string>[];
}

function teamDateOf(visit: Record<string, string>): string {
  return Temporal.Instant.fromEpochMilliseconds(Number(visit.firstActionTimestamp) * 1000)
    .toZonedDateTimeISO(ZONE)
    .toPlainDate()
    .toString();
}

/** What the facts are made of: who signed in when, and which features the visit used. */
function describeLogin(visit: Record<string, string>): string {
  const features = Array.from({ length: 8 }, (_, index) =>
    visit[`actionDetails_${index}_eventCategory`] === "Feature"
      ? (visit[`actionDetails_${index}_eventAction`] ?? "")
      : "",
  ).filter(Boolean);

  return `${visit.userId} ${visit.firstActionTimestamp} ${features.sort().join("+")}`;
}

describe("writeVisitsFile", () => {
  it("writes, 30 days back, the very bytes it wrote before the log could reach further", async () => {
    const { file } = await writeVisits({ customers: 120, visitDays: 30 });

    // The file of this run as the generator wrote it when the log always covered 30 days: a
    // benchmark keeps its "30 days of visits" with visitDays 30, and relies on these bytes.
    const sha256 = createHash("sha256").update(readFileSync(file.path)).digest("hex");
    expect(sha256).toBe("d315b02fe55ea34054a63b0774f84d4ee0bb39175fb47eace613c4af0ba09430");
  });

  it("keeps every sign-in of the last 30 days, and its features, when it reaches back 60", async () => {
    const month = visitsOf((await writeVisits({ visitDays: 30 })).file.path);
    const twoMonths = visitsOf((await writeVisits({ visitDays: 60 })).file.path);
    const windowStart = dateOfDayNumber(dayNumberOf(ASOF) - 30);
    const lastMonthLogins = (visits: Record<string, string>[]) =>
      visits
        .filter((visit) => visit.userId !== "" && teamDateOf(visit) >= windowStart)
        .map(describeLogin);

    expect(lastMonthLogins(twoMonths)).toEqual(lastMonthLogins(month));
    expect(lastMonthLogins(month).length).toBe(month.filter((visit) => visit.userId !== "").length);
    expect(twoMonths.length).toBeGreaterThan(1.7 * month.length);
  });

  it("covers the days asked for and writes the same bytes for the same options", async () => {
    const first = await writeVisits({ visitDays: 45 });
    const again = await writeVisits({ visitDays: 45 });
    const dates = new Set(
      visitsOf(first.file.path)
        .filter((visit) => visit.firstActionTimestamp !== "")
        .map(teamDateOf),
    );

    expect(readFileSync(again.file.path).equals(readFileSync(first.file.path))).toBe(true);
    expect([...dates].sort()).toEqual(
      Array.from({ length: 45 }, (_, day) => dateOfDayNumber(dayNumberOf(ASOF) - 45 + day)),
    );
  });

  it("shows no agency before it became a customer, and never a never_in_matomo agency", async () => {
    const { options, file } = await writeVisits({ customers: 850, visitDays: 90 });
    const run = createDemoRun(options);
    const plans = new Map(
      Array.from({ length: run.customers }, (_, index) => {
        const plan = planCustomer(run, index);
        return [plan.domain, plan];
      }),
    );
    const seen = new Set<string>();

    for (const visit of visitsOf(file.path).filter((row) => row.userId !== "")) {
      const plan = plans.get(visit.userId?.split("@")[1] ?? "");
      expect(plan, visit.userId).toBeDefined();
      expect(teamDateOf(visit) >= dateOfDayNumber(plan?.customerSinceDay ?? 0), plan?.name).toBe(
        true,
      );
      expect(plan?.profile.id).not.toBe("never_in_matomo");
      seen.add(plan?.profile.id ?? "");
    }
    // The new accounts were seen, from their first day on; the agencies Matomo never saw exist.
    expect([...plans.values()].some((plan) => plan.profile.id === "never_in_matomo")).toBe(true);
    expect(seen).toContain("healthy_new_account");
    expect(seen).toContain("onboarding_stuck");
  });
});
