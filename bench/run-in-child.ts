import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import type { ChildTask } from "./bench-child.js";

const CHILD = fileURLToPath(new URL("./bench-child.ts", import.meta.url));

/**
 * Runs one measurement in a fresh Node process (through tsx, like the benchmark itself, with
 * `--expose-gc` for `collectGarbage`, and a larger heap when asked) and returns its result.
 * Its stderr shows through; a failure rejects with its exit code.
 */
export async function runInChild<T>(
  task: ChildTask,
  options: { maxOldSpaceMb?: number | undefined } = {},
): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), "csops-bench-"));
  const resultFile = join(folder, "result.json");
  try {
    const child = spawn(
      process.execPath,
      [
        "--expose-gc",
        ...(options.maxOldSpaceMb === undefined
          ? []
          : [`--max-old-space-size=${options.maxOldSpaceMb}`]),
        "--import",
        "tsx",
        CHILD,
        JSON.stringify(task),
        resultFile,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", resolve);
    });
    if (code !== 0) throw new Error(`The ${task.task} measurement exited with code ${code}`);

    return JSON.parse(readFileSync(resultFile, "utf8")) as T;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
