import { sql, type Kysely } from "kysely";

import type { MatomoVisitRecord, RecordOfKind, SourceKind } from "../domain/records.js";
import { rowsPerStatement, type DialectName } from "./dialect-differences.js";
import { RECORD_TABLES, columnsOf, recordToRow, type Row } from "./record-tables.js";
import type { MatomoEventRow, StorageTables } from "./storage-tables.js";

/** The record tables seen by name: the kind decides the table at run time. */
type TablesByName = Record<string, Row>;

/**
 * Inserts records or updates them in place by their source id, in multi-row statements sized to
 * the database's parameter limit. A row is only rewritten when a value differs, so importing the
 * same records again changes nothing, not even which import last touched them. A Matomo visit's
 * events are replaced by the ones it carries now. Within one call, a later record with the same
 * id wins, as a later import would. Returns how many rows were inserted or changed.
 *
 * Call it inside a transaction: a failure in a later statement must undo the earlier ones.
 */
export async function upsertRecords<K extends SourceKind>(
  db: Kysely<StorageTables>,
  dialect: DialectName,
  kind: K,
  records: readonly RecordOfKind[K][],
  importId: number,
): Promise<{ changed: number }> {
  const latest = keepLatestPerKey(kind, records, importId);
  const batchSize = rowsPerStatement(dialect, columnsOf(kind).length);
  let changed = 0;

  for (let start = 0; start < latest.length; start += batchSize) {
    const batch = latest.slice(start, start + batchSize);
    changed += await upsertRows(
      db,
      kind,
      batch.map(({ row }) => row),
    );
    if (kind === "matomo_visits") {
      const visits = batch.map(({ record }) => record as MatomoVisitRecord);
      await replaceEvents(db, dialect, visits);
    }
  }

  return { changed };
}

function keepLatestPerKey<K extends SourceKind>(
  kind: K,
  records: readonly RecordOfKind[K][],
  importId: number,
): { row: Row; record: RecordOfKind[K] }[] {
  const { keyColumns } = RECORD_TABLES[kind];
  const byKey = new Map<string, { row: Row; record: RecordOfKind[K] }>();
  for (const record of records) {
    const row = recordToRow(kind, record, importId);
    // PostgreSQL refuses one statement that updates a row twice; SQLite would let the last win.
    byKey.set(keyColumns.map((column) => String(row[column])).join("\u0000"), { row, record });
  }

  return [...byKey.values()];
}

async function upsertRows(db: Kysely<StorageTables>, kind: SourceKind, rows: Row[]) {
  const { keyColumns } = RECORD_TABLES[kind];
  const updated = columnsOf(kind).filter((column) => !keyColumns.includes(column));
  const compared = updated.filter((column) => column !== "import_id");
  const tables = db as unknown as Kysely<TablesByName>;

  const result = await tables
    .insertInto(kind)
    .values(rows)
    .onConflict((conflict) => {
      const onKey = conflict.columns(keyColumns as string[]);
      if (compared.length === 0) return onKey.doNothing();

      // `is distinct from` compares NULLs as values, in SQLite (3.39+) as in PostgreSQL.
      const differs = compared.map(
        (column) =>
          sql<boolean>`${sql.ref(`${kind}.${column}`)} is distinct from ${sql.ref(`excluded.${column}`)}`,
      );
      const set = Object.fromEntries(
        updated.map((column) => [column, sql.ref<string | number | null>(`excluded.${column}`)]),
      );

      return onKey.doUpdateSet(set).where(sql<boolean>`${sql.join(differs, sql` or `)}`);
    })
    .executeTakeFirst();

  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

async function replaceEvents(
  db: Kysely<StorageTables>,
  dialect: DialectName,
  visits: readonly MatomoVisitRecord[],
): Promise<void> {
  await db
    .deleteFrom("matomo_events")
    .where(
      "visit_id",
      "in",
      visits.map((visit) => visit.visitId),
    )
    .execute();

  const events: MatomoEventRow[] = visits.flatMap((visit) =>
    visit.events.map((event, position) => ({
      visit_id: visit.visitId,
      position,
      category: event.category,
      action: event.action,
      name: event.name ?? null,
    })),
  );
  const batchSize = rowsPerStatement(dialect, 5);
  for (let start = 0; start < events.length; start += batchSize) {
    await db
      .insertInto("matomo_events")
      .values(events.slice(start, start + batchSize))
      .execute();
  }
}
