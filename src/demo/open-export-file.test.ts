import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { DEMO_FILES } from "./demo-files.js";
import { openExportFile, type ExportCell, type ExportFormat } from "./open-export-file.js";

const scratch = mkdtempSync(join(tmpdir(), "csops-export-file-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function write(name: string, format: ExportFormat, rows: ExportCell[][]) {
  const file = await openExportFile(join(scratch, name), format);
  for (const row of rows) if (file.writeRow(row)) await file.flush();
  const lines = file.lines;
  const bytes = await file.close();

  return { bytes, lines, content: readFileSync(join(scratch, name)) };
}

describe("openExportFile", () => {
  it("writes HubSpot's UI export: a BOM, every value quoted, quotes doubled, CRLF", async () => {
    const { content, lines, bytes } = await write("hubspot.csv", DEMO_FILES.companies.format, [
      ["Record ID", "Company name"],
      ["1", 'Say "hi"'],
      ["2", ""],
    ]);

    expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(content.subarray(3).toString("utf8")).toBe(
      '"Record ID","Company name"\r\n"1","Say ""hi"""\r\n"2",""\r\n',
    );
    expect(lines).toBe(3);
    expect(bytes).toBe(content.length);
  });

  it("writes Stripe's Dashboard export: quoted only when a value needs it, LF", async () => {
    const { content } = await write("stripe.csv", DEMO_FILES.invoices.format, [
      ["a", "b, c", 'd"e', "f\ng", "", "-1.5"],
    ]);

    expect(content.toString("utf8")).toBe('a,"b, c","d""e","f\ng",,-1.5\n');
  });

  it("writes Matomo's export: UTF-16LE, its quoting and formula guard, no last newline", async () => {
    const { content, bytes } = await write("matomo.csv", DEMO_FILES.visits.format, [
      ["userId", "label", "note", "value", "formula", "empty"],
      ["-team-7", "a;b", "a,b", -12.5, "=SUM(A1)", ""],
      [1, "+44 20", "@home", "-12.5", 'say "hi"', "ça"],
    ]);

    expect([...content.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(content.subarray(2).toString("utf16le")).toBe(
      "userId,label,note,value,formula,empty\n" +
        `'-team-7,"a;b","a,b",-12.5,'=SUM(A1),\n` +
        `1,'+44 20,'@home,-12.5,"say ""hi""",ça`,
    );
    expect(bytes).toBe(content.length);
  });

  it("keeps rows in order through many flushes", async () => {
    const rows = Array.from({ length: 20_000 }, (_, at) => [at, `row ${at}`, "x".repeat(at % 50)]);
    const { content, lines, bytes } = await write("many.csv", DEMO_FILES.invoices.format, rows);

    expect(lines).toBe(rows.length);
    expect(content.toString("utf8")).toBe(rows.map((row) => `${row.join(",")}\n`).join(""));
    expect(statSync(join(scratch, "many.csv")).size).toBe(bytes);
  });
});
