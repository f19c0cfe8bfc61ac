import type { TableMatch } from "./match-table.js";
import type { ExportRow, RowProblem } from "./opened-export.js";
import type { RowBuilder } from "./preset-table.js";

/** Matomo's CSV renderer guards text starting with = + - @ against spreadsheet formulas. */
const FORMULA_GUARD = /^'(?=[=+\-@])/;

/**
 * Reads one row through its table: every cell is trimmed, converted by its field's parser, and
 * handed to the kind's reader. Every problem of the row is listed, not only the first.
 */
export function readTableRow(
  match: TableMatch,
  builder: RowBuilder<Record<string, unknown>>,
  row: { line: number; headers: readonly string[]; cells: readonly string[] },
  options: { stripFormulaGuard: boolean },
): ExportRow[] {
  const cells = row.cells.map((cell) => {
    const trimmed = cell.trim();
    return options.stripFormulaGuard ? trimmed.replace(FORMULA_GUARD, "") : trimmed;
  });
  const values: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  const required = new Set<string>(match.table.reader.valueRequired);

  for (const [field, { index, header }] of match.columns) {
    const text = cells[index] ?? "";
    if (text === "") {
      if (required.has(field))
        problems.push({ column: header, value: "", message: "expected a value" });
      continue;
    }
    const parsed = match.table.fields[field]?.parse(text);
    if (parsed && "expected" in parsed) {
      problems.push({ column: header, value: text, message: `expected ${parsed.expected}` });
    } else if (parsed) {
      values[field] = parsed.value;
    }
  }
  if (problems.length > 0) return [{ line: row.line, problems }];

  const built = builder.build({
    line: row.line,
    values,
    headers: row.headers,
    cells,
    headerOf: (field) => match.columns.get(field)?.header ?? field,
  });
  if ("problems" in built) return [{ line: row.line, problems: built.problems }];

  return built.records.map((record) => ({ line: row.line, ...record }) as ExportRow);
}
