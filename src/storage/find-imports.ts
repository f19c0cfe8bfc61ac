import type { Kysely } from "kysely";

import { rowToImportRecord, type ImportRecord } from "./import-log.js";
import type { StorageTables } from "./storage-tables.js";

/** The import records with these ids, oldest first; ids that do not exist are left out. */
export async function findImports(
  db: Kysely<StorageTables>,
  importIds: readonly number[],
): Promise<ImportRecord[]> {
  if (importIds.length === 0) return [];
  const rows = await db
    .selectFrom("imports")
    .selectAll()
    .where("id", "in", [...importIds])
    .orderBy("id")
    .execute();

  return rows.map(rowToImportRecord);
}
