import type { ArgsDef } from "citty";

/** How a command takes its arguments, as far as checking them goes. */
export interface ArgumentShape {
  args: ArgsDef;
  /** Takes any number of positional arguments (files, or a name in several words). */
  variadic: boolean;
}

/**
 * The first argument a command does not take, described for a usage error, or undefined when
 * all are its own. citty ignores what it does not know, so `import --dry-run` would import for
 * real and `run --dat D` would run today: an unknown option or a positional argument too many
 * is refused before the command runs. `--no-X` is taken for a boolean X; an option that takes a
 * value takes the next argument unless written `--name=value`; after `--` all are positional.
 */
export function findUnknownArgument(
  tokens: readonly string[],
  shape: ArgumentShape,
): string | undefined {
  const entries = Object.entries(shape.args);
  const positionals = entries.filter(([, arg]) => arg.type === "positional").length;
  let seenPositionals = 0;

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? "";
    if (token === "--") {
      seenPositionals += tokens.length - index - 1;
      break;
    }
    if (token.startsWith("-") && token !== "-") {
      const option = findOption(token, entries);
      if (option === undefined) return `unknown option ${token.split("=")[0]}`;
      if (option.takesValue && !token.includes("=")) index += 1;
      continue;
    }
    seenPositionals += 1;
  }

  if (!shape.variadic && seenPositionals > positionals) {
    const expected = positionals === 0 ? "none" : `at most ${positionals}`;
    return `${seenPositionals} arguments where it takes ${expected}`;
  }
  return undefined;
}

function findOption(
  token: string,
  entries: [string, ArgsDef[string]][],
): { takesValue: boolean } | undefined {
  const isLong = token.startsWith("--");
  const name = token.slice(isLong ? 2 : 1).split("=")[0] ?? "";
  for (const [key, arg] of entries) {
    if (arg.type === "positional") continue;
    const aliases = "alias" in arg && arg.alias !== undefined ? [arg.alias].flat() : [];
    const names = isLong ? [key] : aliases;
    if (names.includes(name)) return { takesValue: arg.type !== "boolean" };
    if (isLong && arg.type === "boolean" && name === `no-${key}`) return { takesValue: false };
  }
  // Every command shows its help; main.ts answers --help before any command runs.
  if (name === "help" || name === "h") return { takesValue: false };
  return undefined;
}
