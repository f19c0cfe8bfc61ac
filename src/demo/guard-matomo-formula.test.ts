import { describe, expect, it } from "vitest";

import { guardMatomoFormula } from "./guard-matomo-formula.js";

describe("guardMatomoFormula", () => {
  it.each([
    ["-team-7", "'-team-7"],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+44 20", "'+44 20"],
    ["@home", "'@home"],
    ["-12.5", "-12.5"],
    ["+5", "+5"],
    ["jane@x.co.uk", "jane@x.co.uk"],
    ["", ""],
  ])("writes Matomo text %j as %j", (value, cell) => {
    expect(guardMatomoFormula(value)).toBe(cell);
  });
});
