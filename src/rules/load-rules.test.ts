import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { CsopsError } from "../errors.js";
import { DEFAULT_RULES_FILE, loadRulesOrFail, parseRulesOrFail } from "./load-rules.js";

const defaults = readFileSync(DEFAULT_RULES_FILE, "utf8");

/** The line `needle` first appears on in `text`, so expectations follow the file's layout. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in the text`);

  return text.slice(0, index).split("\n").length;
}

/** Applies each replacement once, failing loudly if the shipped file no longer has its target. */
function edit(text: string, ...replacements: [string, string][]): string {
  return replacements.reduce((result, [from, to]) => {
    if (!result.includes(from)) throw new Error(`"${from}" is not in the text`);
    return result.replace(from, to);
  }, text);
}

function problemsOf(text: string): { line?: number | undefined; message: string }[] {
  try {
    parseRulesOrFail(text, "my-rules.yaml");
  } catch (error) {
    if (!(error instanceof CsopsError)) throw error;
    expect(error.code).toBe("config_invalid");
    expect(error.problems.every((problem) => problem.file === "my-rules.yaml")).toBe(true);
    return error.problems.map(({ line, message }) => ({ line, message }));
  }
  throw new Error("expected the rules to be refused");
}

describe("the shipped rules", () => {
  const rules = loadRulesOrFail();

  it("load and hold the seed's values and the design's decisions", () => {
    expect(rules.precedence).toEqual([
      "revenue_at_risk",
      "onboarding_stuck",
      "engagement_drop",
      "expansion_opportunity",
      "healthy_stable",
    ]);
    expect(rules.usage_levels).toEqual({ medium_from: 8, high_from: 15 });
    expect(rules.windows).toEqual({ support_tickets_days: 30, usage_days: 30 });
    expect(rules.segments.revenue_at_risk.due).toEqual({ hours: 24 });
    expect(rules.segments.healthy_stable.due).toEqual({ every: "quarter" });
    expect(rules.segments.expansion_opportunity.criteria).toEqual({
      all: [
        { fact: "usage_level", in: ["high"] },
        { fact: "features_used_30d", op: ">=", value: 3 },
        { fact: "days_to_renewal", op: ">", value: 60 },
        { fact: "support_tickets", op: "<=", value: 1 },
        { fact: "plan", in: ["Basic", "Standard"] },
        { fact: "payment_failed", is: false },
      ],
    });
  });

  it("hold back only Healthy & Stable on missing data", () => {
    const held = Object.entries(rules.segments).filter(([, rule]) => rule.only_when_earlier_false);

    expect(held.map(([id]) => id)).toEqual(["healthy_stable"]);
  });

  it("name a source for every fact", () => {
    expect(Object.values(rules.fact_sources).every((source) => source.length > 0)).toBe(true);
  });
});

describe("parseRulesOrFail", () => {
  it("reports every mistake at once, each with its line", () => {
    const text = edit(
      defaults,
      ["medium_from: 8", "medium_from: 18"],
      ['op: "<=", value: 60 }', 'op: "=<", value: 60 }'],
      ["due: { days: 3 }", "due: { dayz: 3 }"],
      ["in: [high] }", "in: [hihg] }"],
      ["  logins_30d: Matomo (visits)", "  login_30d: Matomo (visits)"],
    );

    expect(problemsOf(text)).toEqual([
      {
        line: lineOf(text, "high_from: 15"),
        message: "usage_levels.high_from: expected high_from above medium_from (18)",
      },
      {
        line: lineOf(text, '"=<"'),
        message: expect.stringMatching(/^segments\.revenue_at_risk\.criteria\.all\.0\.op: .*"<="/),
      },
      {
        line: lineOf(text, "dayz"),
        message:
          "segments.engagement_drop.due: expected { hours: N }, { days: N } or { every: quarter }",
      },
      {
        line: lineOf(text, "hihg"),
        message:
          "segments.expansion_opportunity.criteria.all.0.in.0: expected one of low, medium, high",
      },
      {
        line: lineOf(text, "fact_sources:"),
        message: "fact_sources.logins_30d: missing; expected string",
      },
      { line: lineOf(text, "login_30d"), message: 'fact_sources: unknown key "login_30d"' },
    ]);
  });

  it("says which segment the precedence repeats and which it leaves out", () => {
    const text = edit(defaults, ["  - healthy_stable\n", "  - revenue_at_risk\n"]);

    expect(problemsOf(text)).toEqual([
      {
        line: lineOf(text, "precedence:"),
        message: "precedence: expected every segment exactly once; revenue_at_risk appears 2 times",
      },
      {
        line: lineOf(text, "precedence:"),
        message: "precedence: expected every segment exactly once; healthy_stable appears 0 times",
      },
    ]);
  });

  it("says what a condition of each shape expected", () => {
    const text = edit(
      defaults,
      ["{ fact: plan, in: [Basic, Standard] }", '{ fact: plan, op: ">", value: 3 }'],
      ["{ fact: payment_failed, is: true }", "{ fact: paymentfailed, is: true }"],
      ['{ fact: days_since_last_login, op: ">=", value: 7 }', "{ value: 7 }"],
    );
    const messages = problemsOf(text).map((problem) => problem.message);

    expect(messages).toEqual([
      expect.stringMatching(
        /^segments\.revenue_at_risk\.criteria\.all\.1\.any\.0\.fact: .*payment_failed/,
      ),
      "segments.expansion_opportunity.criteria.all.4.in: missing; expected array",
      'segments.expansion_opportunity.criteria.all.4: unknown key "op", "value"',
      expect.stringMatching(
        /^segments\.onboarding_stuck\.criteria\.all\.1\.any\.0: expected a condition/,
      ),
    ]);
  });

  it("names a missing segment", () => {
    const text = defaults.replace(/ {2}healthy_stable:\n[\s\S]*?(?=\n# Which)/, "");

    expect(problemsOf(text)).toEqual([
      {
        line: lineOf(text, "segments:"),
        message: "segments.healthy_stable: missing; expected object",
      },
    ]);
  });

  it("reports a YAML syntax error with its line", () => {
    const text = edit(defaults, ["  usage_days: 30", "\tusage_days: 30"]);

    expect(problemsOf(text)).toEqual([
      {
        line: lineOf(text, "\tusage_days"),
        message: "YAML syntax: Tabs are not allowed as indentation",
      },
    ]);
  });

  it("reports a repeated key", () => {
    const text = edit(defaults, ["version: 1\n", "version: 1\nversion: 1\n"]);

    expect(problemsOf(text)).toEqual([
      { line: lineOf(text, "version: 1") + 1, message: "YAML syntax: Map keys must be unique" },
    ]);
  });

  it("refuses an empty file, saying what it should hold", () => {
    expect(problemsOf("# nothing yet\n")).toEqual([
      { line: undefined, message: expect.stringContaining("the file is empty; expected version") },
    ]);
  });

  it("accepts a changed threshold and precedence", () => {
    const text = edit(
      defaults,
      [
        '{ fact: days_to_renewal, op: "<=", value: 60 }',
        '{ fact: days_to_renewal, op: "<=", value: 90 }',
      ],
      [
        "  - onboarding_stuck\n  - engagement_drop\n",
        "  - engagement_drop\n  - onboarding_stuck\n",
      ],
    );
    const rules = parseRulesOrFail(text, "my-rules.yaml");

    expect(rules.precedence.slice(1, 3)).toEqual(["engagement_drop", "onboarding_stuck"]);
    expect(rules.segments.revenue_at_risk.criteria).toMatchObject({ all: [{ value: 90 }, {}] });
  });
});

describe("loadRulesOrFail", () => {
  const dir = mkdtempSync(join(tmpdir(), "csops-rules-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names the file in its mistakes", () => {
    const file = join(dir, "typo.yaml");
    writeFileSync(file, edit(defaults, ["version: 1", "version: 2"]));

    expect(() => loadRulesOrFail(file)).toThrow(`rules file ${file} has 1 mistake`);
  });

  it.each([
    ["a missing file", () => join(dir, "nope.yaml"), "no such file"],
    ["a directory", () => dir, "it is a directory"],
  ])("refuses %s in one line", (_, path, reason) => {
    const file = path();
    const error = catchError(() => loadRulesOrFail(file));

    expect(error).toMatchObject({ code: "file_unreadable" });
    expect(error.message).toBe(`cannot read rules file ${file}: ${reason}`);
  });
});

function catchError(run: () => unknown): CsopsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsopsError) return error;
    throw error;
  }
  throw new Error("expected a CsopsError");
}
