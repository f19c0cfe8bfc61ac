import { runCommand, showUsage, defineCommand, type CommandDef } from "citty";

import { CsopsError, formatProblem } from "../errors.js";
import { EXIT_CODES } from "./exit-codes.js";

/** Each command loads only when it runs, so `csops` starts fast whatever it grows into. */
const subCommands: Record<string, () => Promise<CommandDef>> = {
  demo: () => import("./demo-command.js").then((m) => m.default as CommandDef),
  import: () => import("./import-command.js").then((m) => m.default as CommandDef),
  sync: () => import("./sync-command.js").then((m) => m.default as CommandDef),
  "fake-apis": () => import("./fake-apis-command.js").then((m) => m.default as CommandDef),
  imports: () => import("./imports-command.js").then((m) => m.default as CommandDef),
  facts: () => import("./facts-command.js").then((m) => m.default as CommandDef),
  "join-report": () => import("./join-report-command.js").then((m) => m.default as CommandDef),
  evaluate: () => import("./evaluate-command.js").then((m) => m.default as CommandDef),
  migrate: () => import("./migrate-command.js").then((m) => m.default as CommandDef),
  run: () => import("./run-command.js").then((m) => m.default as CommandDef),
  queue: () => import("./queue-command.js").then((m) => m.default as CommandDef),
  explain: () => import("./explain-command.js").then((m) => m.default as CommandDef),
  outcome: () => import("./outcome-command.js").then((m) => m.default as CommandDef),
  serve: () => import("./serve-command.js").then((m) => m.default as CommandDef),
  writeback: () => import("./writeback-command.js").then((m) => m.default as CommandDef),
  start: () => import("./start-command.js").then((m) => m.default as CommandDef),
  user: () => import("./user-command.js").then((m) => m.default as CommandDef),
};

const main = defineCommand({
  meta: { name: "csops", description: "Signal-based customer success operations" },
  subCommands,
});

/** Runs the CLI; errors become one line (and their problems) on stderr and an exit code. */
export async function runCli(argv: string[]): Promise<void> {
  const verbose = argv.includes("--verbose");
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    await showUsage(...(await resolveForUsage(argv)));
    return;
  }

  try {
    await runCommand(main, { rawArgs: argv });
  } catch (error) {
    process.exitCode = reportError(error, verbose);
  }
}

async function resolveForUsage(argv: string[]): Promise<[CommandDef, CommandDef?]> {
  const name = argv.find((arg) => !arg.startsWith("-"));
  const loader = name === undefined ? undefined : subCommands[name];
  if (loader === undefined) return [main as CommandDef];

  return [await loader(), main as CommandDef];
}

function reportError(error: unknown, verbose: boolean): number {
  if (error instanceof CsopsError) {
    process.stderr.write(`csops: ${error.message}\n`);
    for (const problem of error.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
    if (verbose && error.cause instanceof Error) process.stderr.write(`${error.cause.stack}\n`);
    return EXIT_CODES[error.code];
  }
  if (error instanceof Error && error.name === "CLIError") {
    process.stderr.write(`csops: ${error.message} (see csops --help)\n`);
    return EXIT_CODES.usage;
  }

  process.stderr.write(`csops: unexpected error: ${String(error)}\n`);
  if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
