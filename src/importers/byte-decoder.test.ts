import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";

import { CsopsError } from "../errors.js";
import { ByteDecoder, firstInvalidUtf8, planEncoding } from "./byte-decoder.js";

function decodeInChunks(bytes: Buffer, size: number, encoding?: string): string {
  const decoder = new ByteDecoder(planEncoding(bytes, encoding), "test.csv");
  let text = "";
  for (let i = 0; i < bytes.length; i += size) text += decoder.write(bytes.subarray(i, i + size));

  return text + decoder.end();
}

const TEXT = "Record ID,Company name\n1,Agence Immobilière Dupont — 千と千尋\n";

describe("ByteDecoder", () => {
  it.each([
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])],
    ["UTF-8 without BOM", Buffer.from(TEXT)],
    [
      "UTF-16LE with BOM",
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, "utf-16le")]),
    ],
    [
      "UTF-16BE with BOM",
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, "utf-16be")]),
    ],
  ])("decodes %s, even with characters split between chunks", (_, bytes) => {
    for (const size of [1, 2, 3, 5, 64]) expect(decodeInChunks(bytes, size)).toBe(TEXT);
  });

  it("refuses invalid UTF-8 with the byte offset and the --encoding hint", () => {
    const bytes = iconv.encode(TEXT, "windows-1252");
    const offset = bytes.indexOf(0xe8);

    for (const size of [1, 4, 1000]) {
      const error = catchError(() => decodeInChunks(bytes, size));
      expect(error).toMatchObject({ code: "import_undecodable" });
      expect(error.message).toContain(`byte ${offset}`);
      expect(error.message).toContain("--encoding");
    }
  });

  it("counts the offset from the start of the file, byte-order mark included", () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x62, 0xc3]);

    expect(catchError(() => decodeInChunks(bytes, 2)).message).toContain("byte 5");
  });

  it("reads a file in the encoding --encoding names", () => {
    expect(
      decodeInChunks(iconv.encode(TEXT.replace(/ — .*/, ""), "windows-1252"), 3, "windows-1252"),
    ).toBe(TEXT.replace(/ — .*/, ""));
  });

  it("refuses an encoding it does not know as a usage error", () => {
    expect(() => planEncoding(Buffer.from("a"), "klingon")).toThrow(
      expect.objectContaining({ code: "usage" }),
    );
  });
});

describe("firstInvalidUtf8", () => {
  it.each([
    [[0x61, 0xc0, 0xaf], 1], // overlong form of "/"
    [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0x61, 0xe2, 0x82], 1], // cut short
    [[0xe2, 0x82, 0xac], 3], // "€" is valid: the offset is the end
  ])("finds the first invalid byte of %j at %i", (bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
  });
});

function catchError(run: () => unknown): CsopsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsopsError) return error;
    throw error;
  }
  throw new Error("expected a CsopsError");
}
