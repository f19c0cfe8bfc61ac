import { parse as parseCsv } from "csv-parse/sync";

import { CsopsError } from "../errors.js";
import { normalizeColumn, type FactsTable } from "./facts-table.js";

interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Reads CSV with a header line; the separator is guessed from it (comma, semicolon or tab). */
export function readCsvRows(text: string, file: string): FactsTable {
  const [header, ...body] = parseRecordsOrFail(text, file);
  const columns = (header?.record ?? []).map(normalizeColumn);
  refuseRepeatedColumns(columns, file);

  const rows = body.map(({ record, raw, info }) => ({
    line: firstLineOf(raw, info.lines),
    cells: new Map(columns.map((column, index) => [column, record[index] ?? ""])),
    problems:
      record.length === columns.length
        ? []
        : [`has ${record.length} cells, expected ${columns.length} (one per column)`],
  }));

  return { columns, rows };
}

function parseRecordsOrFail(text: string, file: string): CsvRecord[] {
  try {
    return parseCsv(text, {
      delimiter: guessDelimiter(text),
      trim: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      // Spreadsheets leave rows of bare separators below the data; they hold no customer.
      skip_records_with_empty_values: true,
      relax_column_count: true,
      // A name like `Crown "Key" Estates` is data, not a broken quote.
      relax_quotes: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CsopsError("facts_invalid", `${file}: not readable as CSV: ${message}`, [], {
      cause: error,
    });
  }
}

/** The separator is whichever of comma, semicolon and tab the header line uses most. */
function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((candidate) => [candidate, header.split(candidate).length]);
  counts.sort((a, b) => Number(b[1]) - Number(a[1]));

  return String(counts[0]?.[0] ?? ",");
}

function refuseRepeatedColumns(columns: string[], file: string): void {
  const repeated = columns.filter(
    (column, index) => column !== "" && columns.indexOf(column) < index,
  );
  if (repeated.length === 0) return;

  throw new CsopsError(
    "facts_invalid",
    `${file}: column${repeated.length > 1 ? "s" : ""} ${[...new Set(repeated)].join(", ")} ` +
      "appear more than once in the header",
  );
}

/**
 * csv-parse counts lines up to a record's end; a quoted cell may span lines, and the record's
 * raw text also carries the blank lines skipped before it. The line it starts on is what a
 * person looks for.
 */
function firstLineOf(raw: string, lastLine: number): number {
  const body = raw.replace(/^(?:[ \t]*\r?\n)+/, "").replace(/\r?\n$/, "");

  return lastLine - (body.match(/\n/g)?.length ?? 0);
}
