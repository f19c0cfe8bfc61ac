import type { Config } from "../config/config-schema.js";
import { loadConfigOrFail } from "../config/load-config.js";
import type { Rules } from "../domain/rules.js";
import { createLogger, type Logger } from "../logger.js";
import { loadRulesOrFail } from "../rules/load-rules.js";
import { parseDatabaseUrl } from "../storage/database-url.js";
import { openStore, type Store } from "../storage/store.js";

/** What every command that reads the store starts from. */
export interface CommandContext {
  config: Config;
  configFile: string | undefined;
  rules: Rules;
  store: Store;
  logger: Logger;
}

/** The arguments every such command takes. */
export const CONTEXT_ARGS = {
  config: {
    type: "string",
    description: "configuration file (default: csops.config.yaml when present)",
  },
  verbose: {
    type: "boolean",
    description: "show stack traces on errors",
    default: false,
  },
} as const;

/**
 * Loads the configuration and rules, and opens (and migrates) the store `DATABASE_URL` names.
 * Runs `work`, then closes the store whatever happened.
 */
export async function withCommandContext<T>(
  args: { config?: string | undefined },
  work: (context: CommandContext) => Promise<T>,
): Promise<T> {
  const { config, file } = loadConfigOrFail({
    file: args.config,
    cwd: process.cwd(),
    env: process.env,
  });
  const rules = loadRulesOrFail(config.rules);
  const store = await openStore({ url: process.env.DATABASE_URL, cwd: process.cwd() });
  try {
    return await work({
      config,
      configFile: file,
      rules,
      store,
      logger: createLogger(process.env, "warn"),
    });
  } finally {
    await store.close();
  }
}

/** Where `DATABASE_URL` points, for messages: a file, or PostgreSQL's host and database. */
export function describeStoreLocation(): string {
  const target = parseDatabaseUrl(process.env.DATABASE_URL, process.cwd());

  return target.dialect === "sqlite" ? target.file : `PostgreSQL ${target.location}`;
}

/** Unix seconds now: the one place commands read the clock. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
