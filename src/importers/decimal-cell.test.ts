import { describe, expect, it } from "vitest";

import { decimalCell, toMinorUnits } from "./decimal-cell.js";

function minorUnits(text: string, currency = "gbp"): number | string {
  const amount = decimalCell(text);
  if ("expected" in amount) return "rejected";
  const minor = toMinorUnits(amount.value, currency);

  return "value" in minor ? minor.value : "rejected";
}

describe("amounts with a decimal point or a decimal comma", () => {
  it.each([
    ["149.00", 14900],
    ["149", 14900],
    ["0.5", 50],
    ["1,234.56", 123456],
    ["1.234,56", 123456],
    ["1234,56", 123456],
    ["1234,5", 123450],
    ["1 234,56", 123456],
    ["1\u00a0234,56", 123456],
    ["1'234.56", 123456],
    ["1,234", 123400],
    ["1.234", 123400],
    ["1,234,567.8", 123456780],
    ["1.234.567", 123456700],
    ["-49.00", -4900],
    ["0.00", 0],
  ])("reads %j as %i minor units", (text, minor) => {
    expect(minorUnits(text)).toBe(minor);
  });

  it.each(["n/a", "12,34,56", "1.2.3", "1,234.5,6", "1234,5678", "£149.00", "", "1,23,456.00"])(
    "rejects %j",
    (text) => {
      expect(minorUnits(text)).toBe("rejected");
    },
  );

  it("counts minor units by the currency: yen have none, dinars three", () => {
    expect(minorUnits("1,000", "jpy")).toBe(1000);
    expect(minorUnits("1000.50", "jpy")).toBe("rejected");
    expect(minorUnits("1.5", "kwd")).toBe(1500);
  });
});
