import { describe, expect, it } from "vitest";

import { formatMatomoText, joinCells, joinQuotedCells } from "./csv-cells.js";

describe("CSV cells", () => {
  it("quotes every HubSpot value and doubles quotes", () => {
    expect(joinQuotedCells(["1", 'Say "hi"', ""])).toBe('"1","Say ""hi""",""');
  });

  it("quotes a Stripe value only when it needs it", () => {
    expect(joinCells(["a", "b, c", 'd"e', "f\ng"])).toBe('a,"b, c","d""e","f\ng"');
  });

  it.each([
    ["-team-7", "'-team-7"],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+44 20", "'+44 20"],
    ["@home", "'@home"],
    ["-12.5", "-12.5"],
    ["jane@x.co.uk", "jane@x.co.uk"],
    ["a,b", '"a,b"'],
    ["a;b", '"a;b"'],
    ["", ""],
  ])("writes Matomo text %j as %j", (value, cell) => {
    expect(formatMatomoText(value)).toBe(cell);
  });
});
