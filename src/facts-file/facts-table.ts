/** A facts file's rows before their values are parsed: the header's columns and every cell as text. */
export interface FactsTable {
  /** Column names trimmed and lower-cased, as they are matched. */
  columns: string[];
  rows: FactsTableRow[];
}

export interface FactsTableRow {
  /** The line the row starts on, so that a problem points where an editor jumps to. */
  line: number;
  /** How messages name the row when its line does not: `element 3` in a JSON array. */
  label?: string | undefined;
  cells: Map<string, string>;
  /** Why the row cannot be read at all, before its values are looked at. */
  problems: string[];
}

export function normalizeColumn(name: string): string {
  return name.trim().toLowerCase();
}
