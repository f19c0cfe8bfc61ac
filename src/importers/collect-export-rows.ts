import type {
  ExportRecord,
  ExportRow,
  ExportSummary,
  OpenedExport,
  RowProblem,
} from "./opened-export.js";

/** Every row of an export, read into memory: for small files and tests, never for visit logs. */
export interface CollectedExport {
  records: ({ line: number } & ExportRecord)[];
  rejected: { line: number; problems: RowProblem[] }[];
  summary: ExportSummary;
}

export async function collectExportRows(opened: OpenedExport): Promise<CollectedExport> {
  const records: CollectedExport["records"] = [];
  const rejected: CollectedExport["rejected"] = [];
  for await (const row of opened.rows) {
    if (isRejected(row)) rejected.push(row);
    else records.push(row);
  }

  return { records, rejected, summary: opened.summary() };
}

function isRejected(row: ExportRow): row is { line: number; problems: RowProblem[] } {
  return "problems" in row;
}
