import type { Readable, Writable } from "node:stream";

import { CsopsError } from "../errors.js";

/** What the password is read from: a terminal (prompted, not echoed) or a pipe. */
export interface PasswordInput {
  input: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  /** Where prompts go (stderr, so stdout stays the command's answer). */
  output: Writable;
}

/**
 * A password, never from the command line (it would stay in the shell's history and show in
 * `ps`): typed at a prompt without echo, twice, or the first line of a pipe
 * (`printf '%s\n' "$PW" | csops user add …`).
 */
export async function readPasswordOrFail(io: PasswordInput, what = "Password"): Promise<string> {
  if (io.input.isTTY === true && io.input.setRawMode !== undefined) {
    const first = await promptHidden(io, `${what}: `);
    const again = await promptHidden(io, "Again, to be sure: ");
    if (first !== again) throw new CsopsError("usage", "the two passwords differ; nothing changed");
    return first;
  }

  return readFirstLine(io.input);
}

async function readFirstLine(input: Readable): Promise<string> {
  let text = "";
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  const line = text.split(/\r?\n/)[0] ?? "";
  if (line === "") {
    throw new CsopsError(
      "usage",
      "no password on standard input: type it at the prompt, or pipe it in on one line",
    );
  }

  return line;
}

function promptHidden(io: PasswordInput, prompt: string): Promise<string> {
  const { input, output } = io;
  output.write(prompt);
  input.setRawMode?.(true);
  input.resume();

  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (error?: Error) => {
      input.off("data", onData);
      input.setRawMode?.(false);
      input.pause();
      output.write("\n");
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of String(chunk)) {
        if (char === "\r" || char === "\n") return finish();
        if (char === "\u0003")
          return finish(new CsopsError("usage", "interrupted; nothing changed"));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on("data", onData);
  });
}
