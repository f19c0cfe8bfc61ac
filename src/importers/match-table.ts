import type { AnyPresetTable } from "./preset-table.js";

/** Where a table's fields are in one file, and what the file lacks. */
export interface TableMatch {
  table: AnyPresetTable;
  /** Field → its column's position and header as written. */
  columns: Map<string, { index: number; header: string }>;
  /** Per missing required column (or one-of group), the headers that would do. */
  missing: string[][];
  /** Columns recognised: fields found plus signature columns, to rank the candidates. */
  score: number;
  /** A column of another kind is present. */
  excluded: boolean;
}

/** Headers match ignoring case, spaces and Unicode compatibility forms. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u00a0\ufeff]+/g, "");
}

export function matchTable(table: AnyPresetTable, headers: readonly string[]): TableMatch {
  const positions = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    if (!positions.has(key)) positions.set(key, index);
  });
  const find = (names: readonly string[]): number | undefined =>
    names.map((name) => positions.get(normalizeHeader(name))).find((index) => index !== undefined);

  const columns = new Map<string, { index: number; header: string }>();
  const missing: string[][] = [];
  for (const [field, spec] of Object.entries(table.fields)) {
    if (!spec) continue;
    const index = find(spec.headers);
    if (index !== undefined) columns.set(field, { index, header: headers[index] ?? "" });
    else if (spec.required) missing.push([...spec.headers]);
  }
  for (const group of table.oneOf ?? []) {
    if (group.some((field) => columns.has(field))) continue;
    missing.push(group.flatMap((field) => table.fields[field]?.headers.slice(0, 1) ?? []));
  }
  const signatureOneOf = table.signatureOneOf ?? [];
  if (signatureOneOf.length > 0 && find(signatureOneOf) === undefined) {
    missing.push([...signatureOneOf]);
  }
  const signature = [...(table.signature ?? []), ...signatureOneOf].filter(
    (name) => find([name]) !== undefined,
  );
  const excluded = (table.excludedBy ?? []).some((name) => find([name]) !== undefined);

  return { table, columns, missing, score: columns.size + signature.length, excluded };
}
