import { isUtf8 } from "node:buffer";

import iconv from "iconv-lite";

import { CsopsError } from "../errors.js";

/** How a file's bytes become text. */
export interface EncodingPlan {
  /** The encoding's name, as messages show it. */
  encoding: string;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** Without a byte-order mark and without `--encoding`, only valid UTF-8 is read. */
  strictUtf8: boolean;
}

/**
 * The byte-order mark decides (UTF-8, UTF-16LE as Matomo writes by default, UTF-16BE); without
 * one the file is UTF-8 unless `--encoding` names another. An encoding iconv-lite does not know
 * is a usage error.
 */
export function planEncoding(head: Uint8Array, override: string | undefined): EncodingPlan {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: "utf-8", bomLength: 3, strictUtf8: true };
  }
  if (head[0] === 0xff && head[1] === 0xfe) {
    return { encoding: "utf-16le", bomLength: 2, strictUtf8: false };
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    return { encoding: "utf-16be", bomLength: 2, strictUtf8: false };
  }
  if (override === undefined) return { encoding: "utf-8", bomLength: 0, strictUtf8: true };
  if (!iconv.encodingExists(override)) {
    throw new CsopsError(
      "usage",
      `--encoding ${override} is not an encoding csops knows; try utf-8, windows-1252, ` +
        "iso-8859-1 or utf-16le",
    );
  }

  return { encoding: override, bomLength: 0, strictUtf8: false };
}

/**
 * Turns a file's bytes into text, chunk by chunk. In strict UTF-8 the first invalid byte
 * refuses the file with its offset (counted from the file's start, byte-order mark included),
 * so a Windows-1252 file is never read as garbled names.
 */
export class ByteDecoder {
  private readonly decoder: iconv.DecoderStream;
  private toSkip: number;
  private offset = 0;
  private carry: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly plan: EncodingPlan,
    private readonly file: string,
  ) {
    this.decoder = iconv.getDecoder(plan.encoding, { stripBOM: false });
    this.toSkip = plan.bomLength;
  }

  write(chunk: Buffer): string {
    let bytes = chunk;
    if (this.toSkip > 0) {
      const skipped = Math.min(this.toSkip, bytes.length);
      bytes = bytes.subarray(skipped);
      this.toSkip -= skipped;
      this.offset += skipped;
    }
    if (this.plan.strictUtf8) this.checkUtf8(bytes, false);
    this.offset += bytes.length;

    return this.decoder.write(bytes);
  }

  end(): string {
    if (this.plan.strictUtf8) this.checkUtf8(new Uint8Array(0), true);

    return this.decoder.end() ?? "";
  }

  private checkUtf8(bytes: Uint8Array, final: boolean): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    const start = this.offset - this.carry.length;
    const complete = final ? data.length : completeUtf8Length(data);
    const body = data.subarray(0, complete);
    if (!isUtf8(body)) {
      const at = start + firstInvalidUtf8(body);
      throw new CsopsError(
        "import_undecodable",
        `${this.file}: not valid UTF-8 at byte ${at}; if the file was saved in another ` +
          "encoding, name it with --encoding (for example --encoding windows-1252)",
        [{ file: this.file, message: `invalid UTF-8 at byte ${at}` }],
      );
    }
    this.carry = Uint8Array.from(data.subarray(complete));
  }
}

/** How many leading bytes end on a character boundary (a chunk may split a character). */
function completeUtf8Length(data: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const byte = data[data.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;

    return needed > back ? data.length - back : data.length;
  }

  return data.length;
}

/** The offset of the first byte that does not start a valid UTF-8 character. */
export function firstInvalidUtf8(data: Uint8Array): number {
  let i = 0;
  while (i < data.length) {
    const length = validSequenceLength(data, i);
    if (length === 0) return i;
    i += length;
  }

  return data.length;
}

function validSequenceLength(data: Uint8Array, i: number): number {
  const lead = data[i] ?? 0;
  if (lead < 0x80) return 1;
  const [length, min, max] = leadRule(lead);
  if (length === 0) return 0;
  const second = data[i + 1];
  if (second === undefined || second < min || second > max) return 0;
  for (let k = 2; k < length; k++) {
    const next = data[i + k];
    if (next === undefined || (next & 0xc0) !== 0x80) return 0;
  }

  return length;
}

/** Per lead byte: the sequence's length and the range its second byte must fall in (RFC 3629). */
function leadRule(lead: number): [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf]; // no overlong forms
  if (lead === 0xed) return [3, 0x80, 0x9f]; // no UTF-16 surrogates
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f]; // nothing above U+10FFFF

  return [0, 0, 0];
}
