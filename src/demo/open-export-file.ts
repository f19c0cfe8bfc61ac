import type { EventEmitter } from "node:events";
import { createWriteStream } from "node:fs";

import { stringify, type Options as CsvOptions } from "csv-stringify";

import { CsopsError } from "../errors.js";
import { guardMatomoFormula } from "./guard-matomo-formula.js";

/** How a vendor writes its export: the bytes of the text, how lines end, what is quoted. */
export interface ExportFormat {
  encoding: "utf-8" | "utf-8-bom" | "utf-16le-bom";
  lineEnd: "\n" | "\r\n";
  /** Matomo ends its last line without a newline; the others end every line. */
  trailingLineEnd: boolean;
  /**
   * `every` value is quoted, an empty one too; only the values that `need` it are (a comma, a
   * quote or a line break); or as `matomo` does, a semicolon quoted too and text that a
   * spreadsheet would run as a formula guarded.
   */
  quoting: "every" | "needed" | "matomo";
}

/** A cell as the writers give it; a number is written as JavaScript prints it. */
export type ExportCell = string | number;

/** A file written row by row, in chunks, so memory stays flat however large it grows. */
export interface ExportFile {
  readonly path: string;
  /**
   * Rows written so far, the header included: the next row's line is this plus one (no value
   * the demo writes holds a line break).
   */
  readonly lines: number;
  /** Adds one row; true when the buffers are full and `flush()` should be awaited. */
  writeRow(cells: readonly ExportCell[]): boolean;
  /** Writes the buffers that are full; cheap to call often. */
  flush(): Promise<void>;
  /** Writes what is left and closes the file; returns its size in bytes. */
  close(): Promise<number>;
}

/** A megabyte per write: large enough that writing costs little per row. */
const CHUNK_BYTES = 1 << 20;

/** Chunks the disk has not taken yet: enough that making rows and writing them overlap. */
const WRITE_BUFFER_BYTES = 1 << 23;

const BYTE_ORDER_MARKS = {
  "utf-8": Buffer.alloc(0),
  "utf-8-bom": Buffer.from([0xef, 0xbb, 0xbf]),
  "utf-16le-bom": Buffer.from([0xff, 0xfe]),
} as const;

/** Rows handed to csv-stringify before `writeRow` asks for a flush. */
const ROWS_IN_FLIGHT = 1024;

/**
 * Creates (or replaces) `path` and writes the format's byte-order mark. csv-stringify turns
 * each row into text, quoted as the vendor quotes; the text is encoded straight into a
 * megabyte buffer as it comes: joining millions of rows into one string first costs more in
 * copying and garbage collection than making the rows did.
 */
export async function openExportFile(path: string, format: ExportFormat): Promise<ExportFile> {
  const stream = createWriteStream(path, { highWaterMark: WRITE_BUFFER_BYTES });
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure = error;
  });
  await settle(stream, "open");
  failIfBroken(path, failure);

  const encoding = format.encoding === "utf-16le-bom" ? "utf16le" : "utf8";
  // The most bytes one UTF-16 code unit can take in the encoding.
  const maxBytesPerUnit = encoding === "utf16le" ? 2 : 3;
  const full: Buffer[] = [BYTE_ORDER_MARKS[format.encoding]];
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let lines = 0;

  const finishChunk = () => {
    if (used === 0) return;
    full.push(chunk.subarray(0, used));
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  };
  const encode = (text: string) => {
    const room = text.length * maxBytesPerUnit;
    if (used + room > CHUNK_BYTES) finishChunk();
    if (room > CHUNK_BYTES) full.push(Buffer.from(text, encoding));
    else used += chunk.write(text, used, encoding);
  };
  const writeFull = async (): Promise<void> => {
    failIfBroken(path, failure);
    for (const buffer of full.splice(0)) {
      if (!stream.write(buffer)) await settle(stream, "drain");
      failIfBroken(path, failure);
    }
  };

  const csv = stringify({
    ...csvOptionsOf(format.quoting),
    record_delimiter: format.lineEnd,
    eof: format.trailingLineEnd,
    // Each row comes out as a string, encoded above in the file's encoding.
    readableObjectMode: true,
    writableHighWaterMark: ROWS_IN_FLIGHT,
  });
  csv.on("data", encode);
  csv.on("error", (error: Error) => {
    failure ??= error;
  });

  return {
    path,
    get lines() {
      return lines;
    },
    writeRow(cells) {
      lines += 1;

      return !csv.write(cells) || full.length > 0;
    },
    async flush() {
      // A stream that failed never drains: its error is thrown instead of waiting.
      failIfBroken(path, failure);
      if (csv.writableNeedDrain) await settle(csv, "drain");
      await writeFull();
    },
    async close() {
      failIfBroken(path, failure);
      csv.end();
      await settle(csv, "end");
      finishChunk();
      await writeFull();
      stream.end();
      await settle(stream, "finish");
      failIfBroken(path, failure);

      return stream.bytesWritten;
    },
  };
}

function csvOptionsOf(quoting: ExportFormat["quoting"]): CsvOptions {
  if (quoting === "every") return { quoted: true, quoted_empty: true };
  if (quoting === "needed") return {};

  return { quoted_match: [";"], cast: { string: guardMatomoFormula } };
}

/** Waits for `event` or an error, whichever comes first; the error is kept by the caller. */
function settle(stream: EventEmitter, event: "open" | "drain" | "finish" | "end"): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off(event, done);
      stream.off("error", done);
      resolve();
    };
    stream.on(event, done);
    stream.on("error", done);
  });
}

function failIfBroken(path: string, failure: Error | undefined): void {
  if (failure === undefined) return;

  const reason = (failure as NodeJS.ErrnoException).code ?? failure.message;
  throw new CsopsError("file_unwritable", `cannot write ${path} (${reason})`, [], {
    cause: failure,
  });
}
