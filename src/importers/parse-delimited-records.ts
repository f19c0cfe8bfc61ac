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

/** What csv-parse gives for a record with `raw: true`. */
interface RawRecord {
  record: string[];
  /** The record's text since the previous record, blank lines skipped before it included. */
  raw: string;
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
  let unclosedQuote: string | undefined;
  const parser = parse({
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    raw: true,
    // Only an unclosed quote, at the end of the text, is left to skip: the relax_ options
    // take the other errors away. Skipping keeps the records parsed before it, which an
    // error would throw away with the stream.
    skip_records_with_error: true,
    on_skip: (error, raw) => {
      if (error?.code !== "CSV_QUOTE_NOT_CLOSED") throw error ?? new Error("unreadable record");
      unclosedQuote = raw ?? "";
      return undefined;
    },
  });
  // A failure of the source destroys the parser, and so reaches the loop below.
  const feeding = pipeline(Readable.from(text), parser);
  feeding.catch(() => undefined);

  let line = 1;
  for await (const { record, raw } of parser as AsyncIterable<RawRecord>) {
    const start = line + countBlankLines(raw);
    // The raw text ends with the record's line break, unless the text ends first.
    const ending = isLineBreak(raw.charCodeAt(raw.length - 1)) ? 1 : 0;
    line = start + countLineBreaksIn(record) + ending;
    if (record.some((cell) => cell.trim() !== "")) yield { line: start, cells: record };
  }
  await feeding;
  if (unclosedQuote !== undefined) {
    yield { line: line + countBlankLines(unclosedQuote), cells: [], unclosedQuote: true };
  }
}

// Lines are counted here rather than taken from csv-parse's `info.lines`, which counts a `\r\n`
// inside a quoted cell twice. A record's raw text is no help either past its cells: it keeps
// only the `\r` of a `\r\n` that ends a line.

/** The blank lines skipped before a record: its raw text starts with one break for each. */
function countBlankLines(raw: string): number {
  let breaks = 0;
  while (isLineBreak(raw.charCodeAt(breaks))) breaks++;

  return breaks;
}

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

function isLineBreak(code: number): boolean {
  return code === CR || code === LF;
}
