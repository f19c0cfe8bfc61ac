import type { ImportSettings } from "./import-settings.js";
import { isJsonObject, type JsonObject } from "./json-object.js";
import { matchTable } from "./match-table.js";
import type { ExportRow, ExportSummary } from "./opened-export.js";
import { presetTablesOrFail } from "./preset-tables.js";
import { readTableRow } from "./read-table-row.js";

/**
 * Matomo visits as JSON, read through the same table as the CSV export by flattening each
 * visit the way the CSV renderer does. A visit may lack every visit-level time (showColumns
 * can drop them): the reader then falls back on its first action's timestamp.
 */
export function readMatomoJson(
  file: string,
  elements: unknown[],
  settings: ImportSettings,
): { readRows: () => ExportRow[]; finish: () => Omit<ExportSummary, "rowsRead"> } {
  const table = presetTablesOrFail(settings).find((t) => t.preset === "matomo_api");
  if (!table) throw new Error("the matomo_api table is missing");
  const builder = table.reader.start({ file, format: "json", settings });
  const required = Object.entries(table.fields).filter(([, spec]) => spec?.required);

  const readRow = (element: unknown, index: number): ExportRow[] => {
    const line = index + 1;
    if (!isJsonObject(element)) {
      return [{ line, problems: [{ message: "expected a visit object" }] }];
    }
    const [headers, cells] = flattenVisit(element);
    const match = matchTable(table, headers);
    const missing = required.filter(([field]) => !match.columns.has(field));
    if (missing.length > 0) {
      const names = missing.map(([, spec]) => spec?.headers[0] ?? "").join(" and ");
      return [{ line, problems: [{ message: `expected ${names}` }] }];
    }

    return readTableRow(match, builder, { line, headers, cells }, { stripFormulaGuard: false });
  };

  return { readRows: () => elements.flatMap(readRow), finish: () => builder.finish?.() ?? {} };
}

/** `{"actionDetails":[{"type":"event",…}]}` → `actionDetails_0_type`, as the CSV export names it. */
function flattenVisit(visit: JsonObject): [string[], string[]] {
  const headers: string[] = [];
  const cells: string[] = [];
  const add = (header: string, value: unknown): void => {
    if (value !== null && typeof value === "object") return;
    headers.push(header);
    cells.push(value === null || value === undefined ? "" : String(value));
  };
  for (const [key, value] of Object.entries(visit)) {
    if (key !== "actionDetails" || !Array.isArray(value)) {
      add(key, value);
      continue;
    }
    value.forEach((action, i) => {
      if (!isJsonObject(action)) return;
      for (const [field, text] of Object.entries(action)) add(`actionDetails_${i}_${field}`, text);
    });
  }

  return [headers, cells];
}
