import { runCommand, showUsage, defineCommand, type CommandDef } from "citty";

import { CsopsError, formatProblem } from "../errors.js";
import { EXIT_CODES } from "./exit-codes.js";
import { findUnknownArgument } from "./find-unknown-argument.js";

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
    await refuseUnknownArgumentsOrFail(argv);
    await runCommand(main, { rawArgs: argv });
  } catch (error) {
    process.exitCode = reportError(error, verbose);
  }
}

/** Commands whose positional arguments are a list: files, or a name in several words. */
const VARIADIC = new Set(["import", "explain"]);

/** The subcommand `argv` names (`user add` too), with the arguments after its name. */
async function findCommand(
  argv: readonly string[],
): Promise<{ path: string[]; command: CommandDef; rest: string[] } | undefined> {
  const path: string[] = [];
  let command: CommandDef = main as CommandDef;
  let rest = [...argv];
  for (;;) {
    const subCommands = await resolveValue(command.subCommands);
    const name = rest[0];
    if (subCommands === undefined || name === undefined) break;
    const sub = subCommands[name];
    if (sub === undefined) return undefined;
    command = await resolveValue(sub);
    path.push(name);
    rest = rest.slice(1);
  }
  return path.length === 0 ? undefined : { path, command, rest };
}

/** citty's values may be given as they are, as functions, or as promises of either. */
async function resolveValue<T>(value: T | (() => T | Promise<T>) | Promise<T>): Promise<T> {
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : await value;
}

/** A usage error (exit 2) for an option or argument the command does not take. */
async function refuseUnknownArgumentsOrFail(argv: readonly string[]): Promise<void> {
  const found = await findCommand(argv);
  // An unknown command name is citty's to report.
  if (found === undefined) return;
  const args = (await resolveValue(found.command.args)) ?? {};
  const name = found.path.join(" ");
  const unknown = findUnknownArgument(found.rest, { args, variadic: VARIADIC.has(name) });
  if (unknown !== undefined) {
    throw new CsopsError("usage", `${name}: ${unknown} (see csops ${name} --help)`);
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
