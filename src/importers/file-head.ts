import { createHash } from "node:crypto";
import { open, readFile, stat } from "node:fs/promises";

import { CsopsError } from "../errors.js";
import { ByteDecoder, planEncoding, type EncodingPlan } from "./byte-decoder.js";
import { unsupportedError } from "./find-unsupported.js";

/** The first bytes of a file, decoded: enough to tell its format, kind and header. */
export interface FileHead {
  plan: EncodingPlan;
  text: string;
  /** The whole file fits in the head. */
  complete: boolean;
  /** Modification time, Unix seconds. */
  modifiedAt: number;
}

/** Long Matomo headers (five columns per action of the longest visit) fit many times over. */
const HEAD_BYTES = 1 << 20;

export async function readFileHeadOrFail(
  file: string,
  encoding: string | undefined,
): Promise<FileHead> {
  const { size, modifiedAt } = await statOrFail(file);
  if (size === 0) throw emptyError(file);

  const bytes = Buffer.alloc(Math.min(size, HEAD_BYTES));
  const handle = await open(file, "r").catch((error: unknown) => {
    throw unreadableError(file, error);
  });
  try {
    await handle.read(bytes, 0, bytes.length, 0);
  } finally {
    await handle.close();
  }

  if (isSpreadsheet(bytes)) {
    throw unsupportedError(file, {
      what: "an Excel workbook (XLSX or XLS)",
      instead: "export or save it as CSV (UTF-8) instead",
    });
  }
  const plan = planEncoding(bytes, encoding);
  const complete = size <= HEAD_BYTES;
  const decoder = new ByteDecoder(plan, file);
  const text = decoder.write(bytes) + (complete ? decoder.end() : "");
  if (complete && text.trim() === "") throw emptyError(file);

  return { plan, text, complete, modifiedAt };
}

/** The whole file as text, for formats that are parsed whole (JSON), with its SHA-256. */
export async function readWholeTextOrFail(
  file: string,
  plan: EncodingPlan,
): Promise<{ text: string; sha256: string }> {
  const bytes = await readFile(file).catch((error: unknown) => {
    throw unreadableError(file, error);
  });
  const decoder = new ByteDecoder(plan, file);
  const text = decoder.write(bytes) + decoder.end();

  return { text, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** XLSX is a ZIP archive (`PK\x03\x04`), XLS an OLE compound file (`D0 CF 11 E0`). */
function isSpreadsheet(bytes: Buffer): boolean {
  const magic = bytes.subarray(0, 4).toString("hex");

  return magic === "504b0304" || magic === "d0cf11e0";
}

async function statOrFail(file: string): Promise<{ size: number; modifiedAt: number }> {
  const stats = await stat(file).catch((error: unknown) => {
    throw unreadableError(file, error);
  });
  if (!stats.isFile()) {
    throw new CsopsError("file_unreadable", `cannot read ${file}: it is not a file`);
  }

  return { size: stats.size, modifiedAt: Math.floor(stats.mtimeMs / 1000) };
}

export function unreadableError(file: string, error: unknown): CsopsError {
  const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";

  return new CsopsError("file_unreadable", `cannot read ${file} (${reason})`, [], { cause: error });
}

function emptyError(file: string): CsopsError {
  return new CsopsError("file_empty", `${file} is empty`);
}
