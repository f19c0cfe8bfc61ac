import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { configSchema, type Config } from "./config-schema.js";
import { parseYamlOrFail, readTextFileOrFail } from "./parse-yaml-or-fail.js";

export const CONFIG_FILE_NAME = "csops.config.yaml";

/** A validated configuration and where it came from (undefined: no file, all defaults). */
export interface LoadedConfig {
  config: Config;
  file: string | undefined;
}

/**
 * Finds and validates the configuration: `--config FILE`, else `CSOPS_CONFIG`, else
 * `csops.config.yaml` in the working directory, else the defaults. A file named explicitly must
 * exist; the one in the working directory is optional. Paths inside the file (rules, import
 * folder) are resolved against the file's own folder, so a config works from any directory.
 */
export function loadConfigOrFail(options: {
  file?: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
}): LoadedConfig {
  const named = options.file ?? options.env.CSOPS_CONFIG;
  const file =
    named === undefined ? resolve(options.cwd, CONFIG_FILE_NAME) : resolve(options.cwd, named);
  if (named === undefined && !existsSync(file)) {
    return { config: resolvePaths(configSchema.parse({}), options.cwd), file: undefined };
  }

  const text = readTextFileOrFail(file, "configuration file");
  const config = parseYamlOrFail(text, file, {
    what: "configuration file",
    safeParse: (data) => configSchema.safeParse(data),
  });

  return { config: resolvePaths(config, dirname(file)), file };
}

function resolvePaths(config: Config, base: string): Config {
  return {
    ...config,
    rules: config.rules === undefined ? undefined : resolve(base, config.rules),
    sources: { ...config.sources, import_folder: resolve(base, config.sources.import_folder) },
  };
}
