import { CsopsError } from "../errors.js";
import { normalizeColumn, type FactsTable, type FactsTableRow } from "./facts-table.js";

/**
 * Reads a JSON array of objects, one per customer, keyed by the facts columns. Numbers and
 * booleans stand for their text (`3`, `true`); `null` or a missing key is an empty cell.
 */
export function readJsonRows(text: string, file: string): FactsTable {
  const data = parseJsonOrFail(text, file);
  const lines = lineOfEachElement(text);
  const columns = new Set<string>();
  const rows = data.map((element: unknown, index): FactsTableRow => {
    const row = {
      line: lines[index] ?? 1,
      label: `element ${index + 1}`,
      cells: new Map<string, string>(),
      problems: [] as string[],
    };
    if (typeof element !== "object" || element === null || Array.isArray(element)) {
      row.problems.push("expected an object with the facts columns");
      return row;
    }
    for (const [key, value] of Object.entries(element)) {
      const column = normalizeColumn(key);
      columns.add(column);
      if (row.cells.has(column)) row.problems.push(`has ${column} more than once`);
      if (typeof value === "object" && value !== null) {
        row.problems.push(
          `${column} is ${Array.isArray(value) ? "a list" : "an object"}; expected text, a number or true/false`,
        );
      }
      row.cells.set(column, value === null ? "" : String(value).trim());
    }
    return row;
  });

  return { columns: [...columns], rows };
}

function parseJsonOrFail(text: string, file: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CsopsError("facts_invalid", `${file}: not valid JSON: ${message}`, [], {
      cause: error,
    });
  }
  if (!Array.isArray(data)) {
    throw new CsopsError("facts_invalid", `${file}: expected a JSON array of customer objects`);
  }

  return data;
}

/**
 * The line each element of the top-level array starts on, so that a problem points into the
 * file rather than at an element number. Only called on text that parsed as JSON.
 */
function lineOfEachElement(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let awaitingElement = false;

  for (const char of text) {
    if (char === "\n") line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (/\s/.test(char)) continue;

    if (depth === 1 && awaitingElement && char !== "]") lines.push(line);
    awaitingElement = false;
    if (char === '"') inString = true;
    else if (char === "[" || char === "{") depth += 1;
    else if (char === "]" || char === "}") depth -= 1;
    if ((char === "[" && depth === 1) || (char === "," && depth === 1)) awaitingElement = true;
  }

  return lines;
}
