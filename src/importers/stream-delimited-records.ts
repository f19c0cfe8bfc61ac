import { createReadStream } from "node:fs";
import type { Hash } from "node:crypto";

import { CsopsError } from "../errors.js";
import { ByteDecoder, type EncodingPlan } from "./byte-decoder.js";
import { DelimitedParser, type DelimitedRecord } from "./delimited-parser.js";
import { unreadableError } from "./file-head.js";

/**
 * The records of a delimited file, read in chunks so that memory stays flat however large the
 * file is; every raw byte also goes through `hash`. Throws `import_undecodable` where the bytes
 * stop being valid text, however far down that is.
 */
export async function* streamDelimitedRecords(
  file: string,
  plan: EncodingPlan,
  delimiter: string,
  hash: Hash,
): AsyncGenerator<DelimitedRecord> {
  const decoder = new ByteDecoder(plan, file);
  const parser = new DelimitedParser(delimiter);
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      yield* parser.push(decoder.write(chunk as Buffer));
    }
  } catch (error) {
    if (error instanceof CsopsError) throw error;
    throw unreadableError(file, error);
  }
  yield* parser.push(decoder.end());
  yield* parser.end();
}
