import { readFileSync } from "node:fs";
import { extname } from "node:path";

import { parse as parseCsv } from "csv-parse/sync";

import type { CustomerFacts } from "../domain/facts.js";
import { CsopsError, type Problem } from "../errors.js";
import { FACT_COLUMNS, parseFactsRow, type FactColumn } from "./parse-fact-value.js";

/** The customers read from a facts file, and every row that could not be read. */
export interface FactsFile {
  customers: CustomerFacts[];
  problems: Problem[];
}

interface RawRow {
  /** The line in the file, for CSV; the element number, for JSON. */
  line: number;
  cells: Map<string, string>;
  /** Why the row cannot be read at all, before its cells are looked at. */
  problem?: string;
}

/**
 * Reads a facts file (CSV with comma, semicolon or tab, or a JSON array of objects). A file
 * that cannot be read, is empty, or lacks a column is refused whole; a bad row is reported and
 * the others are returned.
 */
export function readFactsFileOrFail(file: string): FactsFile {
  const text = readTextOrFail(file);
  const isJson = extname(file).toLowerCase() === ".json" || text.trimStart().startsWith("[");
  const { columns, rows } = isJson ? readJsonRows(text, file) : readCsvRows(text, file);

  const missing = FACT_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new CsopsError(
      "facts_missing_column",
      `${file}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; ` +
        `a facts file needs ${FACT_COLUMNS.join(", ")}`,
    );
  }

  return toCustomers(rows, file, isJson ? "element" : "line");
}

function readTextOrFail(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new CsopsError("file_unreadable", `cannot read ${file} (${reason})`, [], {
      cause: error,
    });
  }
  text = text.replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new CsopsError("file_empty", `${file} is empty`);

  return text;
}

function readCsvRows(text: string, file: string): { columns: string[]; rows: RawRow[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter: guessDelimiter(text),
      trim: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new CsopsError("facts_invalid", `${file}: not readable as CSV: ${messageOf(error)}`, [], {
      cause: error,
    });
  }

  const [header, ...body] = records;
  const columns = (header?.record ?? []).map(normalizeColumn);
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    cells: new Map(columns.map((column, index) => [column, record[index] ?? ""])),
    width: record.length,
  }));
  for (const row of rows) {
    if (row.width !== columns.length) row.cells.set("#width", String(row.width));
  }

  return { columns, rows };
}

/** The separator is whichever of comma, semicolon and tab the header line uses most. */
function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((candidate) => [candidate, header.split(candidate).length]);
  counts.sort((a, b) => Number(b[1]) - Number(a[1]));

  return String(counts[0]?.[0] ?? ",");
}

function readJsonRows(text: string, file: string): { columns: string[]; rows: RawRow[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CsopsError("facts_invalid", `${file}: not valid JSON: ${messageOf(error)}`, [], {
      cause: error,
    });
  }
  if (!Array.isArray(data)) {
    throw new CsopsError("facts_invalid", `${file}: expected a JSON array of customer objects`);
  }

  const columns = new Set<string>();
  const rows = data.map((element: unknown, index) => {
    const cells = new Map<string, string>();
    if (typeof element !== "object" || element === null || Array.isArray(element)) {
      cells.set("#not-object", "true");
    } else {
      for (const [key, value] of Object.entries(element)) {
        columns.add(normalizeColumn(key));
        cells.set(normalizeColumn(key), value === null ? "" : String(value).trim());
      }
    }
    return { line: index + 1, cells };
  });

  return { columns: [...columns], rows };
}

function toCustomers(rows: RawRow[], file: string, unit: "line" | "element"): FactsFile {
  const customers: CustomerFacts[] = [];
  const problems: Problem[] = [];
  const firstLineOf = new Map<string, number>();
  const report = (line: number, column: string | undefined, message: string): void => {
    problems.push({
      file,
      line,
      column,
      message: `${unit} ${line}: ${message}`,
    });
  };

  for (const { line, cells } of rows) {
    if (cells.has("#not-object")) {
      report(line, undefined, "expected an object with the facts columns");
      continue;
    }
    if (cells.has("#width")) {
      report(line, undefined, `has ${cells.get("#width")} cells, expected one per column`);
      continue;
    }

    const row = Object.fromEntries(FACT_COLUMNS.map((c) => [c, cells.get(c) ?? ""]));
    const parsed = parseFactsRow(row as Record<FactColumn, string>);
    if ("errors" in parsed) {
      for (const { column, value, expected } of parsed.errors) {
        report(line, column, `${column} "${value}" is not valid: expected ${expected}`);
      }
      continue;
    }

    const id = parsed.facts.customerId;
    const first = firstLineOf.get(id);
    if (first !== undefined) {
      report(line, "customer_id", `customer_id "${id}" repeats ${unit} ${first}`);
      continue;
    }
    firstLineOf.set(id, line);
    customers.push(parsed.facts);
  }

  return { customers, problems };
}

function normalizeColumn(name: string): string {
  return name.trim().toLowerCase();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
