import { describe, expect, it } from "vitest";

import { keepableFileName } from "./keepable-file-name.js";

describe("keepableFileName", () => {
  it.each([
    ["companies.csv", "companies.csv"],
    ["Companies (2) – März.csv", "Companies (2) – März.csv"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\alex\\export.csv", "export.csv"],
    [".hidden.csv", "hidden.csv"],
    ["..", "upload"],
    ["", "upload"],
    ["a\nb?.csv", "a_b_.csv"],
    [`${"é".repeat(150)}.csv`, `${"é".repeat(98)}.csv`],
  ])("%j is kept as %j", (uploaded, kept) => {
    expect(keepableFileName(uploaded)).toBe(kept);
  });
});
