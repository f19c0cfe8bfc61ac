import { extname } from "node:path";

import type { CustomerFacts } from "../domain/facts.js";
import { CsopsError, type Problem } from "../errors.js";
import type { FactsTable, FactsTableRow } from "./facts-table.js";
import { FACT_COLUMNS, parseFactsRow, type FactColumn } from "./parse-fact-value.js";
import { readCsvRows } from "./read-csv-rows.js";
import { readFactsTextOrFail } from "./read-facts-text.js";
import { readJsonRows } from "./read-json-rows.js";

/** The customers read from a facts file, and every row that could not be read. */
export interface FactsFile {
  customers: CustomerFacts[];
  problems: Problem[];
}

/**
 * Reads a facts file (CSV with comma, semicolon or tab, or a JSON array of objects). A file
 * that cannot be read, is empty, or lacks a column is refused whole; a bad row is reported
 * with its line, and the others are returned.
 */
export function readFactsFileOrFail(file: string): FactsFile {
  const text = readFactsTextOrFail(file);
  const isJson = extname(file).toLowerCase() === ".json" || /^\s*[[{]/.test(text);
  const table = isJson ? readJsonRows(text, file) : readCsvRows(text, file);
  refuseMissingColumns(table, file);
  if (table.rows.length === 0) throw new CsopsError("file_empty", `${file} has no customers`);

  return toCustomers(table.rows, file);
}

function refuseMissingColumns({ columns }: FactsTable, file: string): void {
  const missing = FACT_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length === 0) return;

  throw new CsopsError(
    "facts_missing_column",
    `${file}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; ` +
      `a facts file needs ${FACT_COLUMNS.join(", ")}`,
  );
}

function toCustomers(rows: FactsTableRow[], file: string): FactsFile {
  const customers: CustomerFacts[] = [];
  const problems: Problem[] = [];
  const firstRowOf = new Map<string, FactsTableRow>();

  for (const row of rows) {
    const messages = [...row.problems];
    const parsed = messages.length === 0 ? parseCells(row) : undefined;
    if (parsed !== undefined && "errors" in parsed) messages.push(...parsed.errors);

    // Every row with an id claims it, valid or not, so a later copy is never taken silently.
    const id = row.cells.get("customer_id") ?? "";
    const first = firstRowOf.get(id);
    if (first !== undefined) messages.push(`customer_id "${id}" repeats ${describeRow(first)}`);
    else if (id !== "") firstRowOf.set(id, row);

    if (messages.length > 0) {
      const prefix = row.label === undefined ? "" : `${row.label}: `;
      for (const message of messages) {
        problems.push({ file, line: row.line, message: `${prefix}${message}` });
      }
    } else if (parsed !== undefined && "facts" in parsed) {
      customers.push(parsed.facts);
    }
  }

  return { customers, problems };
}

function parseCells(row: FactsTableRow): { facts: CustomerFacts } | { errors: string[] } {
  const cells = Object.fromEntries(FACT_COLUMNS.map((c) => [c, row.cells.get(c) ?? ""]));
  const parsed = parseFactsRow(cells as Record<FactColumn, string>);
  if ("facts" in parsed) return parsed;

  return {
    errors: parsed.errors.map(
      ({ column, value, expected }) => `${column} "${value}" is not valid: expected ${expected}`,
    ),
  };
}

function describeRow(row: FactsTableRow): string {
  return row.label === undefined ? `line ${row.line}` : `${row.label} (line ${row.line})`;
}
