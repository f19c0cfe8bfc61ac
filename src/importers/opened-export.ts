import type { Config } from "../config/config-schema.js";
import type { CalendarDate } from "../domain/dates.js";
import type { RecordOfKind, SourceKind } from "../domain/records.js";

/** How `csops import` opens one export file. */
export interface OpenExportOptions {
  config: Config;
  /** `--source KIND`: only that kind's presets are tried, and what is missing is named. */
  kind?: SourceKind | undefined;
  /** `--encoding`, for files without a byte-order mark that are not UTF-8 (e.g. windows-1252). */
  encoding?: string | undefined;
  /**
   * The day per-user aggregates (matomo_users) were exported, in the team's time zone: their
   * 30 days end the day before it. Default: the file's modification date.
   */
  exportedOn?: CalendarDate | undefined;
}

/** The names of the column tables (and JSON readers) csops reads exports with. */
export type PresetName =
  | "hubspot_ui"
  | "hubspot_warehouse"
  | "hubspot_only"
  | "stripe_dashboard"
  | "stripe_warehouse"
  | "stripe_api"
  | "matomo_api"
  | "matomo_ui"
  | "matomo_users";

/** An export file whose kind is known, ready to be read row by row. */
export interface OpenedExport {
  file: string;
  /** The file's kind; a Stripe JSON file may also hold objects of other kinds (see each row). */
  kind: SourceKind;
  preset: PresetName;
  format: "csv" | "tsv" | "json";
  /** SHA-256 of the raw bytes, hex; known once `rows` has been read to the end. */
  readonly sha256: string;
  /**
   * The rows, read as they are consumed: CSV and TSV are streamed, so memory stays flat as files
   * grow (JSON is parsed whole). The iteration throws `CsopsError` when the file turns out to be
   * undecodable further down: the whole file is then refused, as the import's transaction is.
   */
  rows: AsyncIterable<ExportRow>;
  /** Valid once `rows` has been read to the end. */
  summary(): ExportSummary;
}

/** One record read from a line, with the kind it belongs to. */
export type ExportRecord = {
  [K in SourceKind]: { kind: K; record: RecordOfKind[K] };
}[SourceKind];

/**
 * A record read from the file (a line may yield several, e.g. a ticket and its company
 * associations), or a rejected line with every problem in it. `line` is the line the row starts
 * on (CSV/TSV) or the element's position, from 1 (JSON).
 */
export type ExportRow =
  ({ line: number } & ExportRecord) | { line: number; problems: RowProblem[] };

/** What is wrong with one cell or row; `message` says what was expected. */
export interface RowProblem {
  /** The header as written in the file (or the JSON field). */
  column?: string | undefined;
  value?: string | undefined;
  message: string;
}

export interface ExportSummary {
  /** Data rows (or JSON elements) read, good and bad. */
  rowsRead: number;
  /** Visits logs: the days, in the team's time zone, from the first visit's to the last's. */
  coverage?: { from: CalendarDate; to: CalendarDate } | undefined;
  /** Unix seconds: the data's as-of time when the file says it (visits: end of the last covered day). */
  dataAsOf?: number | undefined;
}
