import { createReadStream } from "node:fs";
import type { Hash } from "node:crypto";

import { CsopsError } from "../errors.js";
import { ByteDecoder, type EncodingPlan } from "./byte-decoder.js";
import { unreadableError } from "./file-head.js";
import { parseDelimitedRecords, type DelimitedRecord } from "./parse-delimited-records.js";

/**
 * The records of a delimited file, read in chunks so that memory stays flat however large the
 * file is; every raw byte also goes through `hash`. Throws `import_undecodable` where the bytes
 * stop being valid text, however far down that is.
 */
export function streamDelimitedRecords(
  file: string,
  plan: EncodingPlan,
  delimiter: string,
  hash: Hash,
): AsyncGenerator<DelimitedRecord> {
  return parseDelimitedRecords(readTextChunks(file, plan, hash), delimiter);
}

async function* readTextChunks(
  file: string,
  plan: EncodingPlan,
  hash: Hash,
): AsyncGenerator<string> {
  const decoder = new ByteDecoder(plan, file);
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      const text = decoder.write(chunk as Buffer);
      if (text !== "") yield text;
    }
  } catch (error) {
    if (error instanceof CsopsError) throw error;
    throw unreadableError(file, error);
  }
  const rest = decoder.end();
  if (rest !== "") yield rest;
}
