import type { CalendarDate } from "../domain/dates.js";
import type { SourceKind } from "../domain/records.js";
import type { CellParser } from "./cell-value.js";
import type { ImportSettings } from "./import-settings.js";
import type { ExportRecord, ExportSummary, PresetName, RowProblem } from "./opened-export.js";

/**
 * Presets are data: per preset and kind, a table of canonical fields (snake_case), the headers
 * that may hold each (matched ignoring case and spaces), whether the file must have the column,
 * and how its cells convert. A kind's reader then turns the converted values into records.
 */
export interface FieldSpec<T> {
  headers: readonly string[];
  /** The file is refused without this column. */
  required?: boolean;
  parse: CellParser<T>;
}

export type FieldSpecs<V> = { [F in keyof V]?: FieldSpec<V[F]> };

export interface PresetTable<V> {
  preset: PresetName;
  reader: KindReader<V>;
  fields: FieldSpecs<V>;
  /** Groups of fields of which the file must have at least one column each. */
  oneOf?: readonly (readonly (keyof V & string)[])[];
  /** Columns these files carry that csops does not read: they tell presets apart. */
  signature?: readonly string[];
  /** Of these columns csops does not read, the file must have one: they say what it is. */
  signatureOneOf?: readonly string[];
  /** Columns whose presence says the file is of another kind (a subscription has a customer). */
  excludedBy?: readonly string[];
  /** Matomo puts a `'` before text starting with = + - @ so that spreadsheets do not run it. */
  stripsFormulaGuard?: boolean;
}

/** What a reader knows about the file it reads. */
export interface ReadContext {
  file: string;
  format: "csv" | "tsv" | "json";
  settings: ImportSettings;
  exportedOn?: CalendarDate | undefined;
}

/** One row as a reader sees it: converted values, and the raw cells for columns no field names. */
export interface RowInput<V> {
  line: number;
  values: Partial<V>;
  headers: readonly string[];
  cells: readonly string[];
  /** The header, as written in the file, of the column that held a field. */
  headerOf(field: keyof V & string): string;
}

export type BuiltRow = { records: ExportRecord[] } | { problems: RowProblem[] };

/** Reads the rows of one file; `finish` tells what the file as a whole says. */
export interface RowBuilder<V> {
  build(row: RowInput<V>): BuiltRow;
  finish?(): Omit<ExportSummary, "rowsRead">;
}

/** Turns converted values into the records of one kind, the same for every preset. */
export interface KindReader<V> {
  kind: SourceKind;
  /** The kind in the team's words: "HubSpot companies". */
  label: string;
  /** Fields a row cannot do without: an empty cell rejects the row. */
  valueRequired: readonly (keyof V & string)[];
  start(context: ReadContext): RowBuilder<V>;
}

/** A table with its value types erased, so that tables of every kind fit in one list. */
export type AnyPresetTable = PresetTable<Record<string, unknown>>;

export function definePresetTable<V>(table: PresetTable<V>): AnyPresetTable {
  return table as unknown as AnyPresetTable;
}
