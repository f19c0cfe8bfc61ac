import { sql, type Kysely } from "kysely";

import type { MatomoVisitRecord, RecordOfKind, SourceKind } from "../domain/records.js";
import type { DialectName } from "./dialect-differences.js";
import { RECORD_TABLES, columnsOf, recordToRow, type Row } from "./record-tables.js";
import { isOneOf, selectRowsFromJson } from "./rows-from-json.js";
import type { MatomoEventRow, StorageTables } from "./storage-tables.js";

/** Rows per statement: each statement's rows travel as one JSON parameter, so no limit applies. */
const ROWS_PER_STATEMENT = 1_000;

const EVENT_COLUMNS = ["visit_id", "position", "category", "action", "name"] as const;

/**
 * Inserts records or updates them in place by their source id, a statement per batch of rows.
 * A row is only rewritten when a value differs, so importing the same records again changes
 * nothing, not even which import last touched them. A Matomo visit's events are replaced by the
 * ones it carries now. Within one call, a later record with the same id wins, as a later import
 * would. Returns how many rows were inserted or changed.
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
  let changed = 0;

  for (let start = 0; start < latest.length; start += ROWS_PER_STATEMENT) {
    const batch = latest.slice(start, start + ROWS_PER_STATEMENT);
    const rows = batch.map(({ row }) => row);
    if (kind !== "matomo_visits") {
      changed += await upsertRows(db, dialect, kind, rows);
      continue;
    }
    const visits = batch.map(({ record }) => record as MatomoVisitRecord);
    const stored = await findStoredVisits(db, dialect, visits);
    changed += await upsertRows(db, dialect, kind, rows);
    await replaceEvents(db, dialect, visits, stored);
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

async function upsertRows(
  db: Kysely<StorageTables>,
  dialect: DialectName,
  kind: SourceKind,
  rows: Row[],
): Promise<number> {
  const { keyColumns } = RECORD_TABLES[kind];
  const columns = columnsOf(kind);
  const updated = columns.filter((column) => !keyColumns.includes(column));
  const compared = updated.filter((column) => column !== "import_id");
  const onKey = sql.join(keyColumns.map((column) => sql.ref(column)));

  let onConflict = sql`do nothing`;
  if (compared.length > 0) {
    const set = updated.map((column) => sql`${sql.ref(column)} = ${sql.ref(`excluded.${column}`)}`);
    // `is distinct from` compares NULLs as values, in SQLite (3.39+) as in PostgreSQL.
    const differs = compared.map(
      (column) =>
        sql`${sql.ref(`${kind}.${column}`)} is distinct from ${sql.ref(`excluded.${column}`)}`,
    );
    onConflict = sql`do update set ${sql.join(set)} where ${sql.join(differs, sql` or `)}`;
  }

  // `where true` tells SQLite's parser that `on conflict` belongs to the insert, not the join.
  const result = await sql`
    insert into ${sql.table(kind)} (${sql.join(columns.map((column) => sql.ref(column)))})
    ${selectRowsFromJson(dialect, kind, columns, rows)} where true
    on conflict (${onKey}) ${onConflict}
  `.execute(db);

  return Number(result.numAffectedRows ?? 0);
}

/** The visits already stored before this batch: only they can have events to replace. */
async function findStoredVisits(
  db: Kysely<StorageTables>,
  dialect: DialectName,
  visits: readonly MatomoVisitRecord[],
): Promise<string[]> {
  const visitIds = visits.map((visit) => visit.visitId);
  const stored = await db
    .selectFrom("matomo_visits")
    .select("visit_id")
    .where(isOneOf(dialect, "visit_id", visitIds))
    .execute();

  return stored.map((row) => row.visit_id);
}

/**
 * Replaces the events of the visits by the ones they carry now. Visits new to the store have
 * none to delete, which spares the first import of a log a lookup per visit in the events.
 */
async function replaceEvents(
  db: Kysely<StorageTables>,
  dialect: DialectName,
  visits: readonly MatomoVisitRecord[],
  storedVisitIds: readonly string[],
): Promise<void> {
  if (storedVisitIds.length > 0) {
    await db
      .deleteFrom("matomo_events")
      .where(isOneOf(dialect, "visit_id", storedVisitIds))
      .execute();
  }

  const events: MatomoEventRow[] = visits.flatMap((visit) =>
    visit.events.map((event, position) => ({
      visit_id: visit.visitId,
      position,
      category: event.category,
      action: event.action,
      name: event.name ?? null,
    })),
  );
  if (events.length === 0) return;
  await sql`
    insert into ${sql.table("matomo_events")} (${sql.join(EVENT_COLUMNS.map((c) => sql.ref(c)))})
    ${selectRowsFromJson(dialect, "matomo_events", EVENT_COLUMNS, events)}
  `.execute(db);
}
