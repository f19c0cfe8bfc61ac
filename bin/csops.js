#!/usr/bin/env node
// The csops executable: runs the compiled CLI that `npm ci` builds into dist/.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("csops: not built yet; run `npm ci` (or `npm run build`) first\n");
  process.exit(1);
}

// Output piped into `head` or `less` that closes early is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Help is coloured for a terminal only: piped into a file or a pager, escape codes are noise.
// (Set before the CLI loads: the colour library reads it once.)
if (!process.stdout.isTTY && process.env.FORCE_COLOR === undefined) process.env.NO_COLOR ??= "1";

const { runCli } = await import(entry.href);
await runCli(process.argv.slice(2));
