import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runCliCaptured as csops } from "../test-support/run-cli-captured.js";

// The README's first walk-through, command by command, on a SQLite file of its own.
const scratch = mkdtempSync(join(tmpdir(), "csops-cli-"));
const demo = join(scratch, "demo");
const saved = process.env.DATABASE_URL;

beforeAll(() => {
  process.env.DATABASE_URL = `sqlite:${join(scratch, "csops.sqlite")}`;
});
afterAll(() => {
  process.env.DATABASE_URL = saved;
  rmSync(scratch, { recursive: true, force: true });
});

describe("csops demo, import, facts, evaluate and join-report", () => {
  it("imports the demo exports, naming each planted bad row, and exits 3", async () => {
    await csops("demo", "--out", demo, "--as-of", "2026-12-03", "--customers", "150");
    const run = await csops("import", demo);

    expect(run.exitCode).toBe(3);
    expect(run.stdout).toMatch(/imported +.*hubspot-companies\.csv as hubspot_companies/);
    expect(run.stdout).toMatch(/hubspot-companies\.csv:\d+ Record ID "[\d.]+E\+\d+": expected/);
    expect(run.stdout).toMatch(/6 files: 6 imported \(\d+ rows, 4 rejected\)/);
  });

  it("imports nothing twice", async () => {
    const run = await csops("import", demo);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/6 files: 0 imported \(0 rows, 0 rejected\), 6 unchanged/);
  });

  it("refuses a file it cannot read as any kind, with exit code 1", async () => {
    const file = join(scratch, "notes.csv");
    writeFileSync(file, "Title,Body\nhello,world\n");
    const run = await csops("import", file);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/REFUSED +.*notes\.csv: cannot tell which export .*expected/);
    expect(run.stdout).not.toMatch(/notes\.csv: .*notes\.csv:/);
  });

  it("lists the imports in the team's time, and says so of an import that does not exist", async () => {
    const list = await csops("imports");
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(
      /^ +1 {2}\w{3} \d{1,2} \w{3} \d\d:\d\d +imported +hubspot_companies/m,
    );

    const missing = await csops("imports", "9999");
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe("csops: there is no import 9999 (csops imports)\n");
  });

  it("says that a HubSpot-only export's usage columns need the hubspot_only preset", async () => {
    const file = resolve("test/fixtures/web/hubspot-only-companies.csv");
    const run = await csops("import", file);

    expect(run.stdout).toMatch(/as hubspot_companies \(hubspot_only\)/);
    expect(run.stdout).toContain("only with `sources.preset: hubspot_only`");
  });

  it("prints facts that csops evaluate reads back", async () => {
    const facts = await csops("facts", "--as-of", "2026-12-03", "--csv");
    expect(facts.exitCode).toBe(0);
    expect(facts.stdout.split("\n")[0]).toBe(
      "customer_id,name,plan,contract_end_date,account_start_date,support_tickets," +
        "payment_failed,last_login_date,logins_30d,features_used_30d",
    );
    expect(facts.stderr).toMatch(/ok +Matomo data is 0 days old \(allowed 8\)/);

    const file = join(scratch, "facts.csv");
    writeFileSync(file, facts.stdout);
    const evaluated = await csops("evaluate", "--facts", file, "--as-of", "2026-12-03", "--json");
    expect(evaluated.exitCode).toBe(0);
    const decisions = JSON.parse(evaluated.stdout) as { segment: string }[];
    expect(decisions.length).toBe(facts.stdout.trim().split("\n").length - 1);
    expect(new Set(decisions.map((d) => d.segment))).toContain("revenue_at_risk");
  });

  it("lists the Stripe and Matomo records that match no customer", async () => {
    const run = await csops("join-report", "--as-of", "2026-12-03");

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/gmail\.com is a free-mail domain, never used to match/);
    expect(run.stdout).toMatch(
      /Unattributed visits \(no user id\) in the usage window: \d+ of \d+/,
    );
  });
});
