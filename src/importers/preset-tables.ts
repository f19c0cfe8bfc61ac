import { SOURCE_KINDS } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import type { ImportSettings } from "./import-settings.js";
import type { AnyPresetTable } from "./preset-table.js";
import { hubspotPresetTables } from "./presets/hubspot-presets.js";
import { matomoPresetTables } from "./presets/matomo-presets.js";
import { stripePresetTables } from "./presets/stripe-presets.js";

/**
 * Every column table csops reads delimited exports with, in order of preference, with the
 * configured `import.columns` put in front of each field's headers.
 */
export function presetTablesOrFail(settings: ImportSettings): AnyPresetTable[] {
  const tables = [
    ...hubspotPresetTables(settings),
    ...stripePresetTables(settings),
    ...matomoPresetTables(settings),
  ];
  checkColumnOverridesOrFail(tables, settings.columns);

  return tables.map((table) => withOverrides(table, settings.columns[table.reader.kind] ?? {}));
}

function withOverrides(table: AnyPresetTable, overrides: Record<string, string>): AnyPresetTable {
  const fields = { ...table.fields };
  for (const [field, header] of Object.entries(overrides)) {
    const spec = fields[field];
    if (spec) fields[field] = { ...spec, headers: [header, ...spec.headers] };
  }

  return { ...table, fields };
}

function checkColumnOverridesOrFail(
  tables: AnyPresetTable[],
  columns: Record<string, Record<string, string>>,
): void {
  for (const [kind, overrides] of Object.entries(columns)) {
    const ofKind = tables.filter((table) => table.reader.kind === kind);
    if (ofKind.length === 0) {
      const kinds = SOURCE_KINDS.filter((known) => tables.some((t) => t.reader.kind === known));
      throw new CsopsError(
        "config_invalid",
        `import.columns.${kind}: not a kind csops reads from files; expected one of ${kinds.join(", ")}`,
      );
    }
    const known = [...new Set(ofKind.flatMap((table) => Object.keys(table.fields)))];
    for (const field of Object.keys(overrides)) {
      if (known.includes(field)) continue;
      throw new CsopsError(
        "config_invalid",
        `import.columns.${kind}.${field}: not a field of ${kind}; expected one of ${known.join(", ")}`,
      );
    }
  }
}
