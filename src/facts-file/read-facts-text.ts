import { readFileSync } from "node:fs";

import iconv from "iconv-lite";

import { CsopsError, describeReadError } from "../errors.js";

/**
 * Reads a facts file as text: UTF-8 with or without a byte-order mark, or UTF-16 with one (what
 * spreadsheets write as "Unicode text"). A file that cannot be read, is empty, is not text or
 * is not valid UTF-8 is refused with one line that says which.
 */
export function readFactsTextOrFail(file: string): string {
  const bytes = readBytesOrFail(file);
  const text = decodeOrFail(bytes, file);
  if (text.trim() === "") throw new CsopsError("file_empty", `${file} is empty`);
  if (text.includes("\u0000")) throw notText(file);

  return text;
}

function readBytesOrFail(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CsopsError(
      "file_unreadable",
      `cannot read ${file}: ${describeReadError(error)}`,
      [],
      {
        cause: error,
      },
    );
  }
}

function decodeOrFail(bytes: Buffer, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), "utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), "utf16be");

  // No text file but UTF-16 holds a zero byte; a spreadsheet or an archive does.
  if (bytes.includes(0)) throw notText(file);

  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch (error) {
    // Guessing another encoding could silently garble names; saying so lets the user re-save.
    const line = lineOfFirstInvalidByte(bytes.subarray(start));
    const where = line === undefined ? "" : ` (line ${line})`;
    throw new CsopsError(
      "facts_invalid",
      `${file} is not UTF-8 text${where}; save it as UTF-8 (CSV UTF-8) and try again`,
      [],
      { cause: error },
    );
  }
}

function notText(file: string): CsopsError {
  return new CsopsError("facts_invalid", `${file} is not a text file; expected CSV or JSON`);
}

function lineOfFirstInvalidByte(bytes: Buffer): number | undefined {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index <= bytes.length; index += 1) {
    if (index < bytes.length && bytes[index] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(lineStart, index));
    } catch {
      return line;
    }
    line += 1;
    lineStart = index + 1;
  }

  return undefined;
}
