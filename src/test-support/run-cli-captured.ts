import { vi } from "vitest";

import { runCli } from "../cli/main.js";

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `csops …` in this process, capturing what it prints and how it would exit. */
export async function runCliCaptured(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const capture = (append: (text: string) => void) => (chunk: string | Uint8Array) => {
    append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture((t) => (stdout += t)));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture((t) => (stderr += t)));
  try {
    await runCli(argv);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;

  return { stdout: withoutColour(stdout), stderr: withoutColour(stderr), exitCode };
}

function withoutColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
