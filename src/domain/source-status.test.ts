import { describe, expect, it } from "vitest";

import type { FactsSettings } from "./facts-settings.js";
import { describeSourceStatus, sourcesOfPreset } from "./source-status.js";

const settings: Pick<FactsSettings, "timeZone" | "maxAgeDays" | "preset"> = {
  timeZone: "Europe/London",
  maxAgeDays: { hubspot: 2, stripe: 2, matomo: 8 },
  preset: "three_sources",
};

/** Unix seconds of an ISO instant. */
const at = (instant: string) => Date.parse(instant) / 1000;

describe("describeSourceStatus", () => {
  it.each([
    ["matomo", "2026-11-25T12:00:00Z", 8, "fresh", "Matomo data is 8 days old (allowed 8)"],
    [
      "matomo",
      "2026-11-24T12:00:00Z",
      9,
      "stale",
      "Matomo data is 9 days old (allowed 8): login, usage and feature facts are unknown",
    ],
    ["stripe", "2026-12-01T08:00:00Z", 2, "fresh", "Stripe data is 2 days old (allowed 2)"],
    [
      "stripe",
      "2026-11-30T23:59:59Z",
      3,
      "stale",
      "Stripe data is 3 days old (allowed 2): payment facts are unknown",
    ],
    ["hubspot", "2026-12-02T09:00:00Z", 1, "fresh", "HubSpot data is 1 day old (allowed 2)"],
    ["hubspot", "2026-12-03T07:00:00Z", 0, "fresh", "HubSpot data is 0 days old (allowed 2)"],
    [
      "hubspot",
      "2026-11-20T07:00:00Z",
      13,
      "stale",
      "HubSpot data is 13 days old (allowed 2): renewal, plan, account start and ticket facts are unknown",
    ],
  ] as const)("%s data from %s is %i days old: %s", (source, instant, ageDays, state, message) => {
    expect(describeSourceStatus(source, at(instant), "2026-12-03", settings)).toMatchObject({
      source,
      ageDays,
      maxAgeDays: settings.maxAgeDays[source],
      state,
      message,
    });
  });

  it("says a source that was never imported is missing and its facts unknown", () => {
    expect(describeSourceStatus("matomo", undefined, "2026-12-03", settings)).toEqual({
      source: "matomo",
      newestDataAt: undefined,
      newestDataDate: undefined,
      ageDays: undefined,
      maxAgeDays: 8,
      state: "missing",
      message: "No Matomo data has been imported: login, usage and feature facts are unknown",
    });
  });

  it.each([
    // 06:00 UTC is still the evening before in Los Angeles.
    ["America/Los_Angeles", "2026-11-30T06:00:00Z", "2026-11-29", 4, "stale"],
    ["Europe/London", "2026-11-30T06:00:00Z", "2026-11-30", 3, "stale"],
    // 11:00 UTC is already the next day at Kiritimati (UTC+14).
    ["Pacific/Kiritimati", "2026-11-30T11:00:00Z", "2026-12-01", 2, "fresh"],
    ["Europe/London", "2026-11-30T11:00:00Z", "2026-11-30", 3, "stale"],
  ] as const)(
    "counts the age in the team's zone, %s, for %s",
    (timeZone, instant, newestDataDate, ageDays, state) => {
      const status = describeSourceStatus("stripe", at(instant), "2026-12-03", {
        ...settings,
        timeZone,
      });

      expect(status).toMatchObject({ newestDataDate, ageDays, state });
    },
  );

  it("treats data newer than the evaluation date, as when re-running a past date, as fresh", () => {
    const status = describeSourceStatus(
      "stripe",
      at("2026-12-05T10:00:00Z"),
      "2026-12-03",
      settings,
    );

    expect(status).toMatchObject({
      ageDays: -2,
      state: "fresh",
      message: "Stripe data is from 2026-12-05, after the evaluation date",
    });
  });

  it("says every fact is unknown when the one HubSpot export of the HubSpot-only flow is stale", () => {
    const status = describeSourceStatus("hubspot", at("2026-11-01T10:00:00Z"), "2026-12-03", {
      ...settings,
      preset: "hubspot_only",
    });

    expect(status.message).toBe("HubSpot data is 32 days old (allowed 2): every fact is unknown");
  });
});

describe("sourcesOfPreset", () => {
  it.each([
    ["three_sources", ["hubspot", "stripe", "matomo"]],
    ["hubspot_only", ["hubspot"]],
  ] as const)("%s reads %j", (preset, sources) => {
    expect(sourcesOfPreset(preset)).toEqual(sources);
  });
});
