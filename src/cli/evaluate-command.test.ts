import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, afterEach, describe, expect, it } from "vitest";

import { DEFAULT_RULES_FILE } from "../rules/load-rules.js";
import { runCliCaptured as csops } from "../test-support/run-cli-captured.js";

const fixtures = fileURLToPath(new URL("../../test/fixtures/facts/", import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const AS_OF = "2026-12-03";

afterEach(() => {
  process.exitCode = undefined;
});

describe("csops evaluate", () => {
  it("prints a table per segment with counts, reasons and what is unknown", async () => {
    const run = await csops("evaluate", "--facts", fixture("comma.csv"), "--as-of", AS_OF);

    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(
      "3 customers as of 2026-12-03: 1 Revenue at Risk, 1 Onboarding Stuck, 1 Engagement Drop",
    );
    const headings = lines.filter((line) => /^\S.*\(\d+\)/.test(line));
    expect(headings).toEqual([
      "Revenue at Risk (1) — call, within 24 hours",
      "Onboarding Stuck (1) — training call, within 2 days",
      "Engagement Drop (1) — re-engagement email, within 3 days",
    ]);
    expect(run.stdout).toContain("payment_failed = true (is true)");
    expect(run.stdout).toContain("possibly Revenue at Risk (needs days_to_renewal)");
    expect(run.stdout).toContain("days_since_last_login = at least 29 (>= 14)");
  });

  it("prints one JSON object per customer with --json", async () => {
    const run = await csops(
      "evaluate",
      "--facts",
      fixture("facts.json"),
      "--as-of",
      AS_OF,
      "--json",
    );

    expect(run.exitCode).toBe(0);
    const decisions = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(decisions.map((d) => [d.customer_id, d.segment, d.action])).toEqual([
      ["1001", "revenue_at_risk", "call"],
      ["1002", "onboarding_stuck", "training call"],
      ["1003", "engagement_drop", "re-engagement email"],
    ]);
    expect(decisions[1]).toMatchObject({
      as_of: AS_OF,
      task_title: "Training call: Lakeside Lettings",
      due: { days: 2 },
      reasons: [
        { fact: "account_age_days", value: 13 },
        { fact: "days_since_last_login", value: "never" },
        { fact: "features_used_30d", value: 0 },
      ],
      unknown: [
        { fact: "days_to_renewal", source: "HubSpot (contract end date)" },
        { fact: "support_tickets", source: "HubSpot (tickets)" },
      ],
      possibly: [{ segment: "revenue_at_risk", missing: ["days_to_renewal"] }],
    });
  });

  it("lists every bad value, still prints the good rows, and exits non-zero", async () => {
    const file = fixture("bad-values.csv");
    const run = await csops("evaluate", "--facts", file, "--as-of", AS_OF, "--json");

    expect(run.exitCode).toBe(3);
    const decisions = JSON.parse(run.stdout) as { customer_id: string; segment: string }[];
    expect(decisions.map((d) => d.customer_id)).toEqual(["3001", "3011"]);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`${file}: 11 problems; those rows were not evaluated:`);
    expect(lines).toHaveLength(12);
    expect(lines).toContain(
      `  ${file}:3: contract_end_date "2026-13-45" is not valid: expected a date YYYY-MM-DD`,
    );
    expect(lines).toContain(
      `  ${file}:6: payment_failed "maybe" is not valid: expected true or false`,
    );
  });

  it("shows which customers move under another rules file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csops-evaluate-"));
    try {
      const rules = join(dir, "wider-renewal.yaml");
      const text = readFileSync(DEFAULT_RULES_FILE, "utf8");
      // 1003 renews in 210 days; a 240-day window makes its inactivity Revenue at Risk.
      writeFileSync(rules, text.replace('op: "<=", value: 60 }', 'op: "<=", value: 240 }'));

      const run = await csops(
        "evaluate",
        ...["--facts", fixture("comma.csv"), "--as-of", AS_OF, "--rules", rules, "--json"],
      );

      expect(run.exitCode).toBe(0);
      const decisions = JSON.parse(run.stdout) as { customer_id: string; segment: string }[];
      expect(decisions.find((d) => d.customer_id === "1003")?.segment).toBe("revenue_at_risk");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("csops evaluate refuses bad input in one line, without a stack trace", () => {
  const dir = mkdtempSync(join(tmpdir(), "csops-evaluate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["a missing file", () => join(dir, "nope.csv"), "no such file"],
    ["an empty file", () => fixture("empty.csv"), "is empty"],
    ["a directory", () => dir, "it is a directory"],
    ["a binary file", () => fixture("spreadsheet.xlsx"), "is not a text file"],
    ["a file missing a column", () => fixture("missing-column.csv"), "missing columns"],
  ])("%s", async (_, path, words) => {
    const run = await csops("evaluate", "--facts", path(), "--as-of", AS_OF);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^csops: .+\n$/);
    expect(run.stderr).toContain(words);
  });

  it.each([["2026-13-45"], ["03/12/2026"], ["today"]])("a bad --as-of %s", async (asOf) => {
    const run = await csops("evaluate", "--facts", fixture("comma.csv"), "--as-of", asOf);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(`csops: --as-of "${asOf}" is not a date; expected YYYY-MM-DD\n`);
  });

  it("a missing --facts", async () => {
    const run = await csops("evaluate", "--as-of", AS_OF);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^csops: .*--facts.*\n$/);
  });

  it("a rules file with three mistakes: one line, then one per mistake", async () => {
    const rules = join(dir, "three-mistakes.yaml");
    const text = readFileSync(DEFAULT_RULES_FILE, "utf8")
      .replace("medium_from: 8", "medium_from: 18")
      .replace("due: { days: 3 }", "due: { dayz: 3 }")
      .replace("in: [high] }", "in: [hihg] }");
    writeFileSync(rules, text);

    const run = await csops(
      "evaluate",
      ...["--facts", fixture("comma.csv"), "--as-of", AS_OF, "--rules", rules],
    );

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`csops: rules file ${rules} has 3 mistakes`);
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
    expect(lines.slice(1).map((line) => line.replace(/:\d+: .*/, ""))).toEqual([
      `  ${rules}:${lineOf("high_from: 15")}`,
      `  ${rules}:${lineOf("dayz")}`,
      `  ${rules}:${lineOf("hihg")}`,
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
