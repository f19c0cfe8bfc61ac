import type { SourceKind } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { findUnsupportedColumns, unsupportedError } from "./find-unsupported.js";
import { matchTable, type TableMatch } from "./match-table.js";
import type { AnyPresetTable } from "./preset-table.js";

export interface RecogniseOptions {
  /** `--source KIND`: only that kind's tables are tried. */
  kind?: SourceKind | undefined;
  /** hubspot_only: companies are read only as the seed's company export with every fact. */
  isHubspotOnly: boolean;
}

/**
 * Picks the table a delimited file is read with, from its header (and second) row. Of the
 * tables whose required columns are all there, the one that recognises most columns wins,
 * earlier presets first on a tie. Otherwise the file is refused: as a format csops does not
 * read, as a kind with columns missing (when it is that kind, or nearly), or as unknown.
 */
export function recogniseTableOrFail(
  file: string,
  rows: { header: readonly string[]; second?: readonly string[] | undefined },
  tables: AnyPresetTable[],
  options: RecogniseOptions,
): TableMatch {
  const candidates = tables.filter(
    (table) =>
      (options.kind === undefined || table.reader.kind === options.kind) &&
      !(
        options.isHubspotOnly &&
        table.reader.kind === "hubspot_companies" &&
        table.preset !== "hubspot_only"
      ),
  );
  if (candidates.length === 0) {
    throw new CsopsError(
      "import_unsupported",
      `${file}: csops reads no ${options.kind ?? "such"} files as CSV or TSV`,
    );
  }

  const matches = candidates
    .map((table) => matchTable(table, rows.header))
    .filter((m) => !m.excluded);
  const complete = matches.filter((match) => match.missing.length === 0);
  const best = complete.reduce<TableMatch | undefined>(
    (chosen, match) => (chosen === undefined || match.score > chosen.score ? match : chosen),
    undefined,
  );
  if (best) return best;

  const unsupported = findUnsupportedColumns(rows.header, rows.second);
  if (unsupported) throw unsupportedError(file, unsupported);

  const nearest = [...matches].sort((a, b) => b.columns.size - a.columns.size)[0];
  if (nearest && (options.kind !== undefined || isNearly(nearest))) {
    throw missingColumnError(file, nearest);
  }
  throw unknownKindError(file, rows.header, tables);
}

/** A file with most of a table's columns is that kind with some missing, not an unknown file. */
function isNearly(match: TableMatch): boolean {
  const requiredFound = Object.entries(match.table.fields).some(
    ([field, spec]) => spec?.required && match.columns.has(field),
  );

  return requiredFound && match.columns.size >= 2 && match.missing.length < match.columns.size;
}

function missingColumnError(file: string, match: TableMatch): CsopsError {
  const { reader, preset } = match.table;
  const missing = match.missing.map(describeColumn);
  const plural = missing.length > 1 ? "columns" : "column";

  return new CsopsError(
    "import_missing_column",
    `${file}: read as ${reader.label} (preset ${preset}), but missing ${plural} ` +
      `${missing.join(", ")}`,
    missing.map((column) => ({ file, message: `missing column ${column}` })),
  );
}

/** `Company name (or Name)`: the usual header first, then what else would do. */
function describeColumn(headers: string[]): string {
  const [first = "", ...others] = headers;

  return others.length === 0 ? first : `${first} (or ${others.join(", or ")})`;
}

function unknownKindError(
  file: string,
  header: readonly string[],
  tables: AnyPresetTable[],
): CsopsError {
  const seen = header.slice(0, 6).map((name) => `"${name}"`);
  const more = header.length > 6 ? ", …" : "";

  return new CsopsError(
    "import_unknown_kind",
    `${file}: cannot tell which export this is from its columns (${seen.join(", ")}${more}); ` +
      `expected ${describeKinds(tables)}. Name the kind with --source if it is one of these`,
  );
}

/** Per kind, its first preset's required headers: "HubSpot companies (Record ID, Company name)". */
export function describeKinds(tables: AnyPresetTable[]): string {
  const firstOfKind = tables.filter(
    (table, index) => tables.findIndex((t) => t.reader.kind === table.reader.kind) === index,
  );
  const kinds = firstOfKind.map((table) => {
    const required = Object.values(table.fields)
      .filter((spec) => spec?.required)
      .map((spec) => spec?.headers[0] ?? "");
    const shown = required.slice(0, 3).join(", ");

    return `${table.reader.label} (${shown}${required.length > 3 ? "…" : ""})`;
  });

  return `${kinds.join(" or ")}, or Stripe API objects or Matomo visits as JSON`;
}
