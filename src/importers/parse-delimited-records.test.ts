import { describe, expect, it } from "vitest";

import { CsopsError } from "../errors.js";
import { parseDelimitedRecords, type DelimitedRecord } from "./parse-delimited-records.js";

async function parseAll(
  text: string,
  delimiter = ",",
  chunkSize = text.length || 1,
): Promise<DelimitedRecord[]> {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
  const records: DelimitedRecord[] = [];
  for await (const record of parseDelimitedRecords(chunks, delimiter)) records.push(record);

  return records;
}

describe("parseDelimitedRecords", () => {
  const tricky =
    'id,name,note\r\n1,"Smith, Jones","said ""hi"""\r\n2,"two\r\nlines\nand three",x\n\n3,plain,"a;b"\r4,last,no newline';

  it("reads quoted separators, doubled quotes and line breaks, with each record's first line", async () => {
    expect(await parseAll(tricky)).toEqual([
      { line: 1, cells: ["id", "name", "note"] },
      { line: 2, cells: ["1", "Smith, Jones", 'said "hi"'] },
      { line: 3, cells: ["2", "two\r\nlines\nand three", "x"] },
      { line: 7, cells: ["3", "plain", "a;b"] },
      { line: 8, cells: ["4", "last", "no newline"] },
    ]);
  });

  it.each([1, 2, 3, 7])("gives the same records when fed %i characters at a time", async (size) => {
    expect(await parseAll(tricky, ",", size)).toEqual(await parseAll(tricky));
  });

  it("counts blank lines of every line ending before a record", async () => {
    const records = await parseAll("a,b\r\n\r\n\n\r\r\n1,2\r\n");

    expect(records.map((record) => record.line)).toEqual([1, 6]);
  });

  it("keeps a stray quote inside an unquoted cell as text, as spreadsheets write it", async () => {
    expect((await parseAll('a,b\n5" screen,x\n')).at(1)?.cells).toEqual(['5" screen', "x"]);
  });

  it("skips blank lines and lines of separators or spaces only", async () => {
    const records = await parseAll("a;b\n;\n  \n\n1;2\n", ";");

    expect(records.map((record) => record.line)).toEqual([1, 5]);
  });

  it("gives a row with a wrong number of cells as it is", async () => {
    const records = await parseAll("a,b,c\n1,2\n1,2,3,4\n");

    expect(records.map((record) => record.cells.length)).toEqual([3, 2, 4]);
  });

  it("ends with a quote never closed, on the line it opened, after the records before it", async () => {
    const records = await parseAll('a,b\n1,x\n\r\n2,"open\n3,x\n');

    expect(records).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "x"] },
      { line: 4, cells: [], unclosedQuote: true },
    ]);
  });

  it("reads tab-separated text", async () => {
    expect((await parseAll("a\tb\n1\t2", "\t")).at(1)?.cells).toEqual(["1", "2"]);
  });

  it("reads nothing from empty text", async () => {
    expect(await parseAll("")).toEqual([]);
  });

  it("passes on the error of the text's source", async () => {
    async function* failing(): AsyncGenerator<string> {
      yield "a,b\n1,2\n";
      throw new CsopsError("import_undecodable", "not valid UTF-8 at byte 9");
    }
    const reading = (async () => {
      for await (const record of parseDelimitedRecords(failing(), ",")) void record;
    })();

    await expect(reading).rejects.toMatchObject({ code: "import_undecodable" });
  });
});
