import { describe, expect, it } from "vitest";

import { DelimitedParser, detectDelimiter, type DelimitedRecord } from "./delimited-parser.js";

function parseAll(text: string, delimiter = ",", chunkSize = text.length || 1): DelimitedRecord[] {
  const parser = new DelimitedParser(delimiter);
  const records: DelimitedRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize)
    records.push(...parser.push(text.slice(i, i + chunkSize)));

  return [...records, ...parser.end()];
}

describe("DelimitedParser", () => {
  const tricky =
    'id,name,note\r\n1,"Smith, Jones","said ""hi"""\r\n2,"two\r\nlines\nand three",x\n\n3,plain,"a;b"\r4,last,no newline';

  it("reads quoted separators, doubled quotes and line breaks, with each record's first line", () => {
    expect(parseAll(tricky)).toEqual([
      { line: 1, cells: ["id", "name", "note"] },
      { line: 2, cells: ["1", "Smith, Jones", 'said "hi"'] },
      { line: 3, cells: ["2", "two\r\nlines\nand three", "x"] },
      { line: 7, cells: ["3", "plain", "a;b"] },
      { line: 8, cells: ["4", "last", "no newline"] },
    ]);
  });

  it.each([1, 2, 3, 7])("gives the same records when fed %i characters at a time", (size) => {
    expect(parseAll(tricky, ",", size)).toEqual(parseAll(tricky));
  });

  it("keeps a stray quote inside an unquoted cell as text, as spreadsheets write it", () => {
    expect(parseAll('a,b\n5" screen,x\n').at(1)?.cells).toEqual(['5" screen', "x"]);
  });

  it("skips blank lines and lines of separators only", () => {
    expect(parseAll("a;b\n;\n  \n1;2\n", ";").map((r) => r.line)).toEqual([1, 4]);
  });

  it("reports a quote that is never closed on the record it opened in", () => {
    const records = parseAll('a,b\n1,"open\n2,x\n');

    expect(records.at(-1)).toEqual({ line: 2, cells: ["1", "open\n2,x\n"], unclosedQuote: true });
  });

  it("reads tab-separated text", () => {
    expect(parseAll("a\tb\n1\t2", "\t").at(1)?.cells).toEqual(["1", "2"]);
  });
});

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
