import { fileURLToPath } from "node:url";

import { parseYamlOrFail, readTextFileOrFail } from "../config/parse-yaml-or-fail.js";
import type { Rules } from "../domain/rules.js";
import { safeParseRules } from "./rules-schema.js";

/** The rules csops ships with: the seed document's values. */
export const DEFAULT_RULES_FILE = fileURLToPath(
  new URL("../../config/rules.default.yaml", import.meta.url),
);

const RULES_KEYS = "version, windows, usage_levels, precedence, segments and fact_sources";

/** Reads and validates a rules file; throws `config_invalid` listing every mistake at once. */
export function loadRulesOrFail(file: string = DEFAULT_RULES_FILE): Rules {
  return parseRulesOrFail(readTextFileOrFail(file, "rules file"), file);
}

/** Validates rules given as YAML text; `file` names where it came from in error messages. */
export function parseRulesOrFail(text: string, file: string): Rules {
  return parseYamlOrFail(text, file, {
    what: "rules file",
    safeParse: safeParseRules,
    whenEmpty: `the file is empty; expected ${RULES_KEYS}`,
  });
}
