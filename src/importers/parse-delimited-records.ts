import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { parse } from "csv-parse";

/** One record of a delimited file, with the line it starts on (from 1). */
export interface DelimitedRecord {
  line: number;
  cells: string[];
  /**
   * Set when a quote opened in this record is never closed: the rest of the file was one
   * cell, so the record has no cells to read.
   */
  unclosedQuote?: boolean;
}

const CR = 13;
const LF = 10;

/**
 * Reads comma-, semicolon- or tab-separated text, fed in chunks of any size, with csv-parse.
 * Quoted cells may hold separators, doubled quotes and line breaks (`\n`, `\r\n` or `\r`, mixed
 * in one file as spreadsheets leave them), and every record knows the line it starts on, so
 * problems point at the right line after them. A stray quote inside an unquoted cell is kept
 * as text, as spreadsheets write it; a row with too many or too few cells is given as it is.
 * Blank lines, and lines of separators or spaces only, are skipped. A quote never closed ends
 * the records with one marked `unclosedQuote`.
 */
export async function* parseDelimitedRecords(
  text: Iterable<string> | AsyncIterable<string>,
  delimiter: string,
): AsyncGenerator<DelimitedRecord> {
  let unclosedQuote = false;
  const parser = parse({
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_quotes: true,
    relax_column_count: true,
    // Blank lines come through as records of one empty cell, to be counted and skipped below.
    skip_empty_lines: false,
    // Only an unclosed quote, at the end of the text, is left to skip: the relax_ options
    // take the other errors away. Skipping keeps the records parsed before it, which an
    // error would throw away with the stream.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error?.code !== "CSV_QUOTE_NOT_CLOSED") throw error ?? new Error("unreadable record");
      unclosedQuote = true;
      return undefined;
    },
  });
  // A failure of the source destroys the parser, and so reaches the loop below.
  const feeding = pipeline(Readable.from(text), parser);
  feeding.catch(() => undefined);

  // Every record, blank ones included, starts on a line of its own, after the line breaks
  // inside the quoted cells of the one before.
  let line = 1;
  for await (const cells of parser as AsyncIterable<string[]>) {
    const start = line;
    line = start + 1 + countLineBreaksIn(cells);
    if (cells.some((cell) => cell.trim() !== "")) yield { line: start, cells };
  }
  await feeding;
  if (unclosedQuote) yield { line, cells: [], unclosedQuote: true };
}

// Lines are counted here rather than taken from csv-parse's `info.lines`, which counts a `\r\n`
// inside a quoted cell twice. (csv-parse's `raw` text would tell too, at a seventh of its time.)

/** Line breaks inside a record's cells (in quoted cells only), `\r\n` counting once. */
function countLineBreaksIn(cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    if (cell.indexOf("\n") === -1 && cell.indexOf("\r") === -1) continue;
    for (let at = 0; at < cell.length; at++) {
      const code = cell.charCodeAt(at);
      if (code === LF || (code === CR && cell.charCodeAt(at + 1) !== LF)) breaks++;
    }
  }

  return breaks;
}
