import { describe, expect, it } from "vitest";

import { detectDelimiter } from "./detect-delimiter.js";

describe("detectDelimiter", () => {
  it.each([
    ["id,name,amount\n1;2", ","],
    ["id;name;amount\n1,2", ";"],
    ["id\tname\tamount", "\t"],
    ['"a,b";"c,d";e\n', ";"],
    ["single\n", ","],
    ["Report title\nlabel\tnb_visits\tnb_actions\n", "\t"],
  ])("finds the separator of %j", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});
