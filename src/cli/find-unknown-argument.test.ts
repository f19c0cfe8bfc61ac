import type { ArgsDef } from "citty";
import { describe, expect, it } from "vitest";

import { runCliCaptured } from "../test-support/run-cli-captured.js";
import { findUnknownArgument } from "./find-unknown-argument.js";

const ARGS: ArgsDef = {
  task: { type: "positional", required: true },
  date: { type: "string" },
  sync: { type: "boolean", default: true },
  owner: { type: "string", alias: "o" },
};
const shape = { args: ARGS, variadic: false };

describe("findUnknownArgument", () => {
  it.each([
    [["T-1", "--date", "2026-12-03"]],
    [["--date=2026-12-03", "T-1"]],
    [["T-1", "--no-sync", "-o", "Alex Morgan"]],
    [["T-1", "--sync", "--help"]],
    [["--date", "--dat", "T-1"]],
  ])("takes %j", (tokens) => {
    expect(findUnknownArgument(tokens, shape)).toBeUndefined();
  });

  it.each([
    [["T-1", "--dry-run"], "unknown option --dry-run"],
    [["T-1", "--dat=2026-12-03"], "unknown option --dat"],
    [["T-1", "--no-date"], "unknown option --no-date"],
    [["T-1", "-x"], "unknown option -x"],
    [["T-1", "T-2"], "2 arguments where it takes at most 1"],
    [["T-1", "--", "--date"], "2 arguments where it takes at most 1"],
  ])("refuses %j: %s", (tokens, expected) => {
    expect(findUnknownArgument(tokens, shape)).toBe(expected);
  });

  it("takes any number of positional arguments for a command that takes a list", () => {
    expect(findUnknownArgument(["a.csv", "b.csv", "c"], { args: ARGS, variadic: true })).toBe(
      undefined,
    );
  });
});

describe("csops with an argument its command does not take", () => {
  it("refuses it with a usage error before the command does anything", async () => {
    const run = await runCliCaptured("import", "--dry-run", "/nonexistent/file.csv");

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("csops: import: unknown option --dry-run (see csops import --help)\n");
    expect(run.stdout).toBe("");
  });

  it("checks a nested command's options too", async () => {
    const run = await runCliCaptured("user", "add", "--name", "Pat", "--rol", "admin");

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("user add: unknown option --rol");
  });
});
