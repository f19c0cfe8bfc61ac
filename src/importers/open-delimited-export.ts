import { createHash } from "node:crypto";

import { CsopsError } from "../errors.js";
import { detectDelimiter } from "./detect-delimiter.js";
import type { FileHead } from "./file-head.js";
import type { ImportSettings } from "./import-settings.js";
import type { TableMatch } from "./match-table.js";
import type { ExportRow, ExportSummary, OpenedExport, OpenExportOptions } from "./opened-export.js";
import { parseDelimitedRecords, type DelimitedRecord } from "./parse-delimited-records.js";
import { presetTablesOrFail } from "./preset-tables.js";
import type { ReadContext } from "./preset-table.js";
import { readTableRow } from "./read-table-row.js";
import { recogniseTableOrFail } from "./recognise-export.js";
import { streamDelimitedRecords } from "./stream-delimited-records.js";

/**
 * Opens a CSV or TSV export: the header, read from the file's head, decides the kind and
 * preset; the rows are then streamed from the start of the file as they are consumed.
 */
export async function openDelimitedExportOrFail(
  file: string,
  head: FileHead,
  settings: ImportSettings,
  options: OpenExportOptions,
): Promise<OpenedExport> {
  const delimiter = detectDelimiter(head.text);
  const [header, second] = await readFirstRecordsOrFail(file, head, delimiter);
  const headers = header.cells.map((cell) => cell.trim());
  const match = recogniseTableOrFail(
    file,
    { header: headers, second: second?.cells.map((cell) => cell.trim()) },
    presetTablesOrFail(settings),
    { kind: options.kind, isHubspotOnly: settings.isHubspotOnly },
  );
  const context: ReadContext = {
    file,
    format: delimiter === "\t" ? "tsv" : "csv",
    settings,
    exportedOn: options.exportedOn ?? settings.team.dateOf(head.modifiedAt),
  };
  let sha256: string | undefined;
  let summary: ExportSummary | undefined;

  return {
    file,
    kind: match.table.reader.kind,
    preset: match.table.preset,
    format: context.format as "csv" | "tsv",
    get sha256() {
      if (sha256 === undefined) throw new Error("sha256 is known once the rows have been read");
      return sha256;
    },
    rows: {
      [Symbol.asyncIterator]: async function* () {
        const hash = createHash("sha256");
        const records = streamDelimitedRecords(file, head.plan, delimiter, hash);
        summary = yield* readRows(records, headers, match, context);
        sha256 = hash.digest("hex");
      },
    },
    summary() {
      if (summary === undefined) {
        throw new Error("the summary is known once the rows have been read");
      }
      return summary;
    },
  };
}

async function* readRows(
  records: AsyncIterable<DelimitedRecord>,
  headers: string[],
  match: TableMatch,
  context: ReadContext,
): AsyncGenerator<ExportRow, ExportSummary> {
  const builder = match.table.reader.start(context);
  const stripFormulaGuard = match.table.stripsFormulaGuard === true;
  let rowsRead = 0;
  let isHeader = true;

  for await (const record of records) {
    if (isHeader) {
      isHeader = false;
      if (record.cells.map((cell) => cell.trim()).join("\u0000") !== headers.join("\u0000")) {
        throw new CsopsError("file_unreadable", `${context.file} changed while it was being read`);
      }
      continue;
    }
    rowsRead++;
    const problem = shapeProblemOf(record, headers.length);
    if (problem) {
      yield { line: record.line, problems: [{ message: problem }] };
      continue;
    }
    const row = { line: record.line, headers, cells: record.cells };
    for (const read of readTableRow(match, builder, row, { stripFormulaGuard })) yield read;
  }

  return { rowsRead, ...builder.finish?.() };
}

function shapeProblemOf(record: DelimitedRecord, width: number): string | undefined {
  if (record.unclosedQuote) {
    return "a quote opened in this row is never closed, so the rest of the file was read as one cell";
  }
  if (record.cells.length !== width) {
    return `has ${record.cells.length} cells, expected ${width} (one per column)`;
  }

  return undefined;
}

/**
 * The header and the record after it, from the file's head. A head that is not the whole file
 * is read up to its last line break, and a record still open there (its quote closes beyond
 * the head) is not one of them.
 */
async function readFirstRecordsOrFail(
  file: string,
  head: FileHead,
  delimiter: string,
): Promise<[DelimitedRecord, DelimitedRecord | undefined]> {
  const text = head.complete ? head.text : head.text.slice(0, lastLineEndOf(head.text));
  const records: DelimitedRecord[] = [];
  for await (const record of parseDelimitedRecords([text], delimiter)) {
    if (record.unclosedQuote) {
      if (records.length === 0 && head.complete) throw unclosedHeaderError(file);
      break;
    }
    records.push(record);
    if (records.length === 2) break;
  }
  const [header, second] = records;
  if (header === undefined) {
    throw head.complete
      ? new CsopsError("file_empty", `${file} is empty`)
      : new CsopsError("import_unknown_kind", `${file}: its first line is longer than 1 MiB`);
  }

  return [header, second];
}

function lastLineEndOf(text: string): number {
  return Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r")) + 1;
}

function unclosedHeaderError(file: string): CsopsError {
  return new CsopsError(
    "import_unknown_kind",
    `${file}: a quote opened in the header line is never closed, so the whole file reads as ` +
      "one line",
  );
}
