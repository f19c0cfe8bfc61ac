import type { Kysely } from "kysely";

import { rowToImportRecord, type ImportRecord } from "./import-log.js";
import type { StorageTables } from "./storage-tables.js";

/**
 * What an API sync needs to know of the last one. Its state is read from the import log rather
 * than kept in a table of its own: the newest successful import of a listing says how current
 * that listing's data is (HubSpot's last-modified high-water mark, Matomo's last synced day).
 */

/** The newest successful (`imported`) import whose file column is exactly `file`. */
export async function findLastImport(
  db: Kysely<StorageTables>,
  file: string,
): Promise<ImportRecord | undefined> {
  const row = await db
    .selectFrom("imports")
    .selectAll()
    .where("file", "=", file)
    .where("status", "=", "imported")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();

  return row === undefined ? undefined : rowToImportRecord(row);
}

/**
 * Ids of the Stripe invoices stored as `open`. Stripe lists every invoice open now; one stored
 * as open that is missing from that list has been paid, voided or written off since, and the
 * sync reads it again to learn which.
 */
export async function listOpenInvoiceIds(db: Kysely<StorageTables>): Promise<string[]> {
  const rows = await db
    .selectFrom("stripe_invoices")
    .select("invoice_id")
    .where("status", "=", "open")
    .orderBy("invoice_id")
    .execute();

  return rows.map((row) => row.invoice_id);
}
