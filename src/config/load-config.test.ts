import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { CsopsError, formatProblem } from "../errors.js";
import { loadConfigOrFail } from "./load-config.js";

const scratch = mkdtempSync(join(tmpdir(), "csops-config-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function folderWith(name: string, text: string | undefined): string {
  const folder = join(scratch, name);
  mkdirSync(folder);
  if (text !== undefined) writeFileSync(join(folder, "csops.config.yaml"), text);
  return folder;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CsopsError) return [error.message, ...error.problems.map(formatProblem)];
    throw error;
  }
  throw new Error("expected a CsopsError");
}

describe("loadConfigOrFail", () => {
  it("uses every default when there is no file", () => {
    const cwd = folderWith("none", undefined);
    const { config, file } = loadConfigOrFail({ cwd, env: {} });

    expect(file).toBeUndefined();
    expect(config.time_zone).toBe("Europe/London");
    expect(config.sources.max_age_days).toEqual({ hubspot: 2, stripe: 2, matomo: 8 });
    expect(config.team.capacity_per_week).toBe(250);
    expect(config.sources.import_folder).toBe(join(cwd, "data", "inbox"));
  });

  it("treats an empty file as all defaults", () => {
    const cwd = folderWith("empty", "");
    expect(loadConfigOrFail({ cwd, env: {} }).config.schedule.cron).toBe("0 9 * * *");
  });

  it("finds csops.config.yaml in the working directory and resolves its paths there", () => {
    const cwd = folderWith("found", "time_zone: America/Chicago\nrules: my-rules.yaml\n");
    const { config, file } = loadConfigOrFail({ cwd, env: {} });

    expect(file).toBe(join(cwd, "csops.config.yaml"));
    expect(config.time_zone).toBe("America/Chicago");
    expect(config.rules).toBe(join(cwd, "my-rules.yaml"));
  });

  it("prefers --config, then CSOPS_CONFIG, and refuses a named file that is missing", () => {
    const cwd = folderWith("named", "time_zone: Asia/Tokyo\n");
    const other = join(cwd, "other.yaml");
    writeFileSync(other, "time_zone: Australia/Sydney\n");

    expect(loadConfigOrFail({ cwd, env: { CSOPS_CONFIG: other } }).config.time_zone).toBe(
      "Australia/Sydney",
    );
    expect(loadConfigOrFail({ file: other, cwd, env: {} }).config.time_zone).toBe(
      "Australia/Sydney",
    );
    expect(problemsOf(() => loadConfigOrFail({ file: "nope.yaml", cwd, env: {} }))[0]).toMatch(
      /cannot read configuration file .*nope\.yaml: no such file/,
    );
  });

  it("reports every mistake at once with its line", () => {
    const cwd = folderWith(
      "wrong",
      [
        "time_zone: Europe/Lodnon",
        "team:",
        "  capacity_per_week: -5",
        "schedule:",
        '  cron: "0 25 * * *"',
        "sources:",
        "  presett: hubspot_only",
      ].join("\n"),
    );
    const [message, ...problems] = problemsOf(() => loadConfigOrFail({ cwd, env: {} }));

    expect(message).toMatch(/configuration file .*csops\.config\.yaml has 4 mistakes/);
    expect(problems).toEqual([
      expect.stringMatching(/:1:\d+: time_zone: "Europe\/Lodnon" is not a time zone/),
      expect.stringMatching(/:3:\d+: team\.capacity_per_week: /),
      expect.stringMatching(/:5:\d+: schedule\.cron: "0 25 \* \* \*" is not a cron expression/),
      expect.stringMatching(/:7:\d+: sources: unknown key "presett"/),
    ]);
  });
});
