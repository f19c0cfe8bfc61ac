import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { runCommand, type CommandDef } from "citty";
import { Temporal } from "temporal-polyfill";
import { afterAll, describe, expect, it, vi } from "vitest";

import demoCommand from "./demo-command.js";

const scratch = mkdtempSync(join(tmpdir(), "csops-demo-command-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const config = join(scratch, "csops.config.yaml");
writeFileSync(config, "time_zone: America/New_York\n");

async function runDemo(args: string[]): Promise<string> {
  const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    await runCommand(demoCommand as CommandDef, { rawArgs: args });
    return write.mock.calls.map(([text]) => String(text)).join("");
  } finally {
    write.mockRestore();
  }
}

describe("csops demo", () => {
  it("writes the exports in the configured time zone and prints what it wrote", async () => {
    const out = join(scratch, "out");

    const printed = await runDemo(
      ["--out", out, "--customers", "120", "--as-of", "2026-12-03", "--seed", "3"].concat([
        "--config",
        config,
      ]),
    );

    expect(printed).toMatch(/Wrote 6 files to .*out .*\(120 customers, as of 2026-12-03, seed 3\)/);
    expect(printed).toMatch(/hubspot-companies\.csv +120 rows/);
    expect(printed).toMatch(/Planted 4 malformed values/);
    expect(printed).toMatch(/healthy_stable \d+/);
    expect(printed).toMatch(
      /Visits: \d+ over the 60 days before 2026-12-03, of which \d+ anonymous/,
    );
    const nine = Temporal.ZonedDateTime.from("2026-12-03T09:00[America/New_York]");
    const modified = statSync(join(out, "matomo-visits.csv")).mtimeMs;
    expect(nine.epochMilliseconds - modified).toBeGreaterThan(0);
    expect(nine.epochMilliseconds - modified).toBeLessThan(3_600_000);
  });

  it("writes the days of visits --visit-days asks for, from the first day on", async () => {
    const out = join(scratch, "45-days");

    const printed = await runDemo(
      ["--out", out, "--customers", "40", "--as-of", "2026-12-03", "--visit-days", "45"].concat([
        "--config",
        config,
      ]),
    );

    expect(printed).toMatch(/Visits: \d+ over the 45 days before 2026-12-03/);
    const visits = readFileSync(join(out, "matomo-visits.csv")).subarray(2).toString("utf16le");
    // The first visit's serverDate, in UTC: New York's mornings are the same day.
    expect(visits.split("\n")[1]?.split(",")[5]).toBe("2026-10-19");
  });

  it("refuses --visit-days that is not a whole number, or fewer than 30 days", async () => {
    const out = join(scratch, "refused");

    await expect(runDemo(["--out", out, "--visit-days", "sixty"])).rejects.toThrow(
      /--visit-days "sixty" is not a whole number/,
    );
    await expect(runDemo(["--out", out, "--visit-days", "29"])).rejects.toThrow(
      /visit days must be a whole number from 30 to 366, not 29/,
    );
  });

  it("refuses a count that is not a whole number", async () => {
    await expect(runDemo(["--out", join(scratch, "x"), "--customers", "lots"])).rejects.toThrow(
      /--customers "lots" is not a whole number/,
    );
  });
});
