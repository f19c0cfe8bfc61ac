import type { TableMatch } from "./match-table.js";
import type { ExportRow, RowProblem } from "./opened-export.js";
import type { RowBuilder } from "./preset-table.js";

/** Matomo's CSV renderer guards text starting with = + - @ against spreadsheet formulas. */
const FORMULA_GUARD = /^'(?=[=+\-@])/;
const APOSTROPHE = 39;

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
  const cells = trimCells(row.cells, options.stripFormulaGuard);
  const values: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  const { fields, reader } = match.table;

  for (const [field, { index, header }] of match.columns) {
    const text = cells[index] ?? "";
    if (text === "") {
      if (reader.valueRequired.includes(field))
        problems.push({ column: header, value: "", message: "expected a value" });
      continue;
    }
    const parsed = fields[field]?.parse(text);
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

/** A loop rather than `map`, and the guard's pattern only where a cell starts with `'`. */
function trimCells(raw: readonly string[], stripFormulaGuard: boolean): string[] {
  const cells = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const trimmed = (raw[i] ?? "").trim();
    cells[i] =
      stripFormulaGuard && trimmed.charCodeAt(0) === APOSTROPHE
        ? trimmed.replace(FORMULA_GUARD, "")
        : trimmed;
  }

  return cells;
}
