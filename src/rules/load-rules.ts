import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { LineCounter, isNode, parseDocument, type Document } from "yaml";
import type { z } from "zod";

import type { Rules } from "../domain/rules.js";
import { CsopsError, type Problem } from "../errors.js";
import { safeParseRules } from "./rules-schema.js";

/** The rules csops ships with: the seed document's values. */
export const DEFAULT_RULES_FILE = fileURLToPath(
  new URL("../../config/rules.default.yaml", import.meta.url),
);

/** Reads and validates a rules file; throws `config_invalid` listing every mistake at once. */
export function loadRulesOrFail(file: string = DEFAULT_RULES_FILE): Rules {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CsopsError(
      "file_unreadable",
      `cannot read rules file ${file}: ${describeReadError(error)}`,
      [],
      { cause: error },
    );
  }

  return parseRulesOrFail(text, file);
}

/** Validates rules given as YAML text; `file` names where it came from in error messages. */
export function parseRulesOrFail(text: string, file: string): Rules {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: true,
  });
  const syntaxProblems = document.errors.map((error) => ({
    file,
    line: error.linePos?.[0].line,
    column: error.linePos?.[0].col,
    message: `YAML syntax: ${firstLineOf(error.message)}`,
  }));
  if (syntaxProblems.length > 0) throw invalid(file, syntaxProblems);
  if (document.contents === null) {
    throw invalid(file, [{ file, message: `the file is empty; expected ${RULES_KEYS}` }]);
  }

  const result = safeParseRules(document.toJS());
  if (result.success) return result.data;

  throw invalid(
    file,
    result.error.issues.map((issue) => locate(issue, document, lines, file)),
  );
}

const RULES_KEYS = "version, windows, usage_levels, precedence, segments and fact_sources";

/** The operating system's reason in words; its codes mean little to the people who edit rules. */
function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";

  return code ?? String(error);
}

function invalid(file: string, problems: Problem[]): CsopsError {
  const count = problems.length === 1 ? "1 mistake" : `${problems.length} mistakes`;

  return new CsopsError("config_invalid", `rules file ${file} has ${count}`, problems);
}

/** Points a schema issue at the line of the YAML node it is about, or its nearest parent. */
function locate(
  issue: z.core.$ZodIssue,
  document: Document,
  lines: LineCounter,
  file: string,
): Problem {
  const path =
    issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const keys = path.map((key) => (typeof key === "symbol" ? String(key) : key));
  const where = keys.join(".") || "(top level)";
  const message =
    issue.code === "unrecognized_keys"
      ? `${issue.path.map(String).join(".") || "(top level)"}: unknown key "${issue.keys.join('", "')}"`
      : `${where}: ${issue.message}`;

  for (let depth = keys.length; depth >= 0; depth -= 1) {
    const node = document.getIn(keys.slice(0, depth), true);
    const offset =
      keyOffset(document, keys.slice(0, depth)) ?? (isNode(node) ? node.range?.[0] : undefined);
    if (offset !== undefined) {
      const position = lines.linePos(offset);
      return { file, line: position.line, column: position.col, message };
    }
  }

  return { file, message };
}

/** The offset of the key itself for an unknown key, whose value node alone does not say where. */
function keyOffset(document: Document, keys: (string | number)[]): number | undefined {
  if (keys.length === 0) return undefined;
  const parent = document.getIn(keys.slice(0, -1), true);
  if (!isNode(parent) || !("items" in parent) || !Array.isArray(parent.items)) return undefined;
  const last = keys.at(-1);
  for (const item of parent.items as unknown[]) {
    if (typeof item === "object" && item !== null && "key" in item && isNode(item.key)) {
      const key = item.key as {
        toJSON(): unknown;
        range?: [number, number, number] | null;
      };
      if (key.toJSON() === last) return key.range?.[0];
    }
  }

  return undefined;
}

/** The yaml library's first message line, without the position it also repeats. */
function firstLineOf(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
}
