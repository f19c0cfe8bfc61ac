import { readFileSync } from "node:fs";

import { LineCounter, isNode, parseDocument, type Document } from "yaml";
import type { z } from "zod";

import { CsopsError, describeReadError, type Problem } from "../errors.js";

/** How a YAML file is checked: its schema's safe parse, and what an empty file means. */
export interface YamlValidation<T> {
  /** The file's role in messages: "rules file", "configuration file". */
  what: string;
  safeParse: (data: unknown) => z.ZodSafeParseResult<T>;
  /** Undefined: an empty file is an empty mapping, every setting at its default. */
  whenEmpty?: string | undefined;
}

/**
 * Parses YAML text and validates it. Every mistake is reported at once, each at the line of
 * the YAML node it is about (or its nearest parent), as `config_invalid`.
 */
export function parseYamlOrFail<T>(text: string, file: string, validation: YamlValidation<T>): T {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const syntaxProblems = document.errors.map((error) => ({
    file,
    line: error.linePos?.[0].line,
    column: error.linePos?.[0].col,
    message: `YAML syntax: ${firstLineOf(error.message)}`,
  }));
  if (syntaxProblems.length > 0) throw invalid(file, validation.what, syntaxProblems);
  if (document.contents === null && validation.whenEmpty !== undefined) {
    throw invalid(file, validation.what, [{ file, message: validation.whenEmpty }]);
  }

  const result = validation.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;

  throw invalid(
    file,
    validation.what,
    result.error.issues
      .map((issue) => locate(issue, document, lines, file))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  );
}

/** A text file's contents, or `file_unreadable` with the reason in words. */
export function readTextFileOrFail(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CsopsError(
      "file_unreadable",
      `cannot read ${what} ${file}: ${describeReadError(error)}`,
      [],
      { cause: error },
    );
  }
}

function invalid(file: string, what: string, problems: Problem[]): CsopsError {
  const count = problems.length === 1 ? "1 mistake" : `${problems.length} mistakes`;

  return new CsopsError("config_invalid", `${what} ${file} has ${count}`, problems);
}

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
      const key = item.key as { toJSON(): unknown; range?: [number, number, number] | null };
      if (key.toJSON() === last) return key.range?.[0];
    }
  }

  return undefined;
}

/** The yaml library's first message line, without the position it also repeats. */
function firstLineOf(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
}
