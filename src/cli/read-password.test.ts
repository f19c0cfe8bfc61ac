import { PassThrough, Readable } from "node:stream";

import { describe, expect, it } from "vitest";

import { readPasswordOrFail } from "./read-password.js";

describe("readPasswordOrFail", () => {
  it("takes the first line of a pipe, spaces and all", async () => {
    const input = Readable.from(["correct horse ", "battery\r\nignored\n"]);
    expect(await readPasswordOrFail({ input, output: new PassThrough() })).toBe(
      "correct horse battery",
    );
  });

  it("refuses an empty pipe", async () => {
    await expect(
      readPasswordOrFail({ input: Readable.from([""]), output: new PassThrough() }),
    ).rejects.toThrow(/no password on standard input/);
  });

  it("prompts twice at a terminal without echoing, and refuses two different answers", async () => {
    const terminal = () => {
      const input = new PassThrough() as PassThrough & {
        isTTY: boolean;
        setRawMode: (m: boolean) => void;
      };
      input.isTTY = true;
      input.setRawMode = () => undefined;
      return input;
    };
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk: Buffer) => (shown += chunk.toString()));

    const same = terminal();
    const typed = readPasswordOrFail({ input: same, output });
    same.write("s3cret passX\u007f phrase\r");
    await new Promise((resolve) => setTimeout(resolve, 10));
    same.write("s3cret pass phrase\r");
    expect(await typed).toBe("s3cret pass phrase");
    expect(shown).not.toContain("s3cret");

    const differ = terminal();
    const refused = readPasswordOrFail({ input: differ, output });
    differ.write("one long password\r");
    await new Promise((resolve) => setTimeout(resolve, 10));
    differ.write("another long password\r");
    await expect(refused).rejects.toThrow(/the two passwords differ/);
  });
});
