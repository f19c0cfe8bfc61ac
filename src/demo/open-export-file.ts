import { createWriteStream, type WriteStream } from "node:fs";

import { CsopsError } from "../errors.js";

/** How a vendor writes its export: the bytes of the text, and how lines end. */
export interface ExportFormat {
  encoding: "utf-8" | "utf-8-bom" | "utf-16le-bom";
  lineEnd: "\n" | "\r\n";
  /** Matomo ends its last line without a newline; the others end every line. */
  trailingLineEnd: boolean;
}

/** A file written line by line, in chunks, so memory stays flat however large it grows. */
export interface ExportFile {
  readonly path: string;
  /** Lines written so far, the header included: the next line's number is this plus one. */
  readonly lines: number;
  /** Adds one line; true when the buffer is full and `flush()` should be awaited. */
  writeLine(line: string): boolean;
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

/**
 * Creates (or replaces) `path` and writes the format's byte-order mark. Lines are encoded
 * straight into a megabyte buffer as they come: joining millions of rows into one string first
 * costs more in copying and garbage collection than making the rows did.
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
  const writeFull = async (): Promise<void> => {
    failIfBroken(path, failure);
    for (const buffer of full.splice(0)) {
      if (!stream.write(buffer)) await settle(stream, "drain");
      failIfBroken(path, failure);
    }
  };

  return {
    path,
    get lines() {
      return lines;
    },
    writeLine(line) {
      const text = format.trailingLineEnd
        ? line + format.lineEnd
        : lines === 0
          ? line
          : format.lineEnd + line;
      lines += 1;
      const room = text.length * maxBytesPerUnit;
      if (used + room > CHUNK_BYTES) finishChunk();
      if (room > CHUNK_BYTES) full.push(Buffer.from(text, encoding));
      else used += chunk.write(text, used, encoding);

      return full.length > 0;
    },
    flush: writeFull,
    async close() {
      finishChunk();
      await writeFull();
      stream.end();
      await settle(stream, "finish");
      failIfBroken(path, failure);

      return stream.bytesWritten;
    },
  };
}

/** Waits for `event` or an error, whichever comes first; the error is kept by the caller. */
function settle(stream: WriteStream, event: "open" | "drain" | "finish"): Promise<void> {
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
