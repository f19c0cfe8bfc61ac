import { sql, type Kysely } from "kysely";

import type { StorageTables } from "./storage-tables.js";

/** A company as a search lists it. */
export interface CompanyMatch {
  companyId: string;
  name: string;
  isDeleted: boolean;
}

/**
 * Companies a person may mean by `text`: the one with that id, else those with that name (any
 * case), else those whose name contains it. Deleted companies are found too, marked.
 */
export async function searchCompanies(
  db: Kysely<StorageTables>,
  text: string,
  options: { limit: number },
): Promise<CompanyMatch[]> {
  const wanted = text.trim();
  const base = db.selectFrom("hubspot_companies").select(["company_id", "name", "is_deleted"]);
  const toMatch = (rows: { company_id: string; name: string; is_deleted: number | null }[]) =>
    rows.map((row) => ({
      companyId: row.company_id,
      name: row.name,
      isDeleted: row.is_deleted === 1,
    }));

  const byId = await base.where("company_id", "=", wanted).execute();
  if (byId.length > 0) return toMatch(byId);

  const lower = wanted.toLowerCase();
  const byName = await base
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", lower))
    .orderBy("company_id")
    .limit(options.limit)
    .execute();
  if (byName.length > 0) return toMatch(byName);

  // `like` wildcards in the text are matched literally: people type names, not patterns.
  // SQLite has no default escape character, so it is named for both databases.
  const pattern = `%${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const partial = await base
    .where(sql<boolean>`lower(name) like ${pattern} escape '\\'`)
    .orderBy("name")
    .limit(options.limit)
    .execute();

  return toMatch(partial);
}
