import { sql, type Kysely, type Selectable } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { PossibleSegment, UnknownFact } from "../domain/decide-segment.js";
import type { Reason } from "../domain/evaluate-condition.js";
import type { CustomerFacts } from "../domain/facts.js";
import type { Bucket } from "../domain/rules.js";
import { rowsPerStatement, type DialectName } from "./dialect-differences.js";
import type { StorageTables } from "./storage-tables.js";
import type { DecisionHistoryRow } from "./workflow-tables.js";

type Db = Kysely<StorageTables>;

/** A customer's decision and facts, in force from `validFrom` until its next entry. */
export interface HistoryEntry {
  customerId: string;
  validFrom: CalendarDate;
  runId?: number | undefined;
  segment: Bucket;
  /** What the team saw: Healthy & Stable while a resolution cooled down, else `segment`. */
  shownSegment: Bucket;
  resolvedBy?: string | undefined;
  resolvedOn?: CalendarDate | undefined;
  label: string;
  reasons: Reason[];
  unknown: UnknownFact[];
  possibly: PossibleSegment[];
  facts: CustomerFacts;
  notes: string[];
  /** Equal fingerprints mean "nothing changed"; the caller decides what that covers. */
  fingerprint: string;
}

const IDS_PER_QUERY = 1000;
const HISTORY_COLUMNS = 15;

/**
 * Records today's decisions as changes: an entry is written only when its fingerprint differs
 * from the customer's entry before `date`. Re-running a date replaces that date's entry, or
 * removes it when the decision went back to the one before; re-running a past date also drops
 * the next entry when it now repeats this one. Returns how many entries were written.
 */
export async function recordDecisions(
  db: Db,
  dialect: DialectName,
  entries: readonly HistoryEntry[],
  date: CalendarDate,
): Promise<number> {
  const ids = entries.map((entry) => entry.customerId);
  const before = await findAdjacent(db, ids, date, "before");
  const onDate = await findOnDate(db, ids, date);
  const after = (await hasEntriesAfter(db, date))
    ? await findAdjacent(db, ids, date, "after")
    : new Map<string, { validFrom: CalendarDate; fingerprint: string }>();

  const isChange = (entry: HistoryEntry) =>
    before.get(entry.customerId)?.fingerprint !== entry.fingerprint;
  const written = entries.filter(
    (entry) => isChange(entry) && onDate.get(entry.customerId) !== entry.fingerprint,
  );
  const undone = entries.filter((entry) => !isChange(entry) && onDate.has(entry.customerId));
  await deleteEntries(
    db,
    undone.map((entry) => ({ customerId: entry.customerId, validFrom: date })),
  );
  await upsertEntries(db, dialect, written);

  // A later entry that now repeats the state in force on `date` is no change any more.
  const repeated = entries.flatMap((entry) => {
    const next = after.get(entry.customerId);
    return next?.fingerprint === entry.fingerprint
      ? [{ customerId: entry.customerId, validFrom: next.validFrom }]
      : [];
  });
  await deleteEntries(db, repeated);

  return written.length;
}

/** The entry in force on `date`: the newest on or before it. */
export async function findDecisionOn(
  db: Db,
  customerId: string,
  date: CalendarDate,
): Promise<HistoryEntry | undefined> {
  const row = await db
    .selectFrom("decision_history")
    .selectAll()
    .where("customer_id", "=", customerId)
    .where("valid_from", "<=", date)
    .orderBy("valid_from", "desc")
    .limit(1)
    .executeTakeFirst();

  return row === undefined ? undefined : rowToEntry(row);
}

/** A customer's entries, newest first. */
export async function listHistory(
  db: Db,
  customerId: string,
  options: { limit: number },
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom("decision_history")
    .selectAll()
    .where("customer_id", "=", customerId)
    .orderBy("valid_from", "desc")
    .limit(options.limit)
    .execute();

  return rows.map(rowToEntry);
}

type Adjacent = Map<string, { validFrom: CalendarDate; fingerprint: string }>;

/** Per customer, the newest entry before `date` or the oldest after it. */
async function findAdjacent(
  db: Db,
  customerIds: readonly string[],
  date: CalendarDate,
  side: "before" | "after",
): Promise<Adjacent> {
  const found: Adjacent = new Map();
  for (let start = 0; start < customerIds.length; start += IDS_PER_QUERY) {
    const chunk = customerIds.slice(start, start + IDS_PER_QUERY);
    const rows = await db
      .selectFrom("decision_history as h")
      .select(["h.customer_id", "h.valid_from", "h.fingerprint"])
      .where("h.customer_id", "in", chunk)
      .where("h.valid_from", "=", (eb) =>
        eb
          .selectFrom("decision_history as n")
          .select((inner) =>
            side === "before"
              ? inner.fn.max("n.valid_from").as("d")
              : inner.fn.min("n.valid_from").as("d"),
          )
          .whereRef("n.customer_id", "=", "h.customer_id")
          .where("n.valid_from", side === "before" ? "<" : ">", date),
      )
      .execute();
    for (const row of rows) {
      found.set(row.customer_id, { validFrom: row.valid_from, fingerprint: row.fingerprint });
    }
  }

  return found;
}

/** Per customer, the fingerprint of its entry dated exactly `date`. */
async function findOnDate(db: Db, customerIds: readonly string[], date: CalendarDate) {
  const found = new Map<string, string>();
  for (let start = 0; start < customerIds.length; start += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom("decision_history")
      .select(["customer_id", "fingerprint"])
      .where("customer_id", "in", customerIds.slice(start, start + IDS_PER_QUERY))
      .where("valid_from", "=", date)
      .execute();
    for (const row of rows) found.set(row.customer_id, row.fingerprint);
  }

  return found;
}

async function hasEntriesAfter(db: Db, date: CalendarDate): Promise<boolean> {
  const row = await db
    .selectFrom("decision_history")
    .select(sql<number>`1`.as("found"))
    .where("valid_from", ">", date)
    .limit(1)
    .executeTakeFirst();

  return row !== undefined;
}

async function deleteEntries(db: Db, keys: readonly { customerId: string; validFrom: string }[]) {
  for (const key of keys) {
    await db
      .deleteFrom("decision_history")
      .where("customer_id", "=", key.customerId)
      .where("valid_from", "=", key.validFrom)
      .execute();
  }
}

async function upsertEntries(db: Db, dialect: DialectName, entries: readonly HistoryEntry[]) {
  const rows = entries.map(entryToRow);
  const batchSize = rowsPerStatement(dialect, HISTORY_COLUMNS);
  for (let start = 0; start < rows.length; start += batchSize) {
    await db
      .insertInto("decision_history")
      .values(rows.slice(start, start + batchSize))
      .onConflict((conflict) =>
        conflict.columns(["customer_id", "valid_from"]).doUpdateSet((eb) => ({
          run_id: eb.ref("excluded.run_id"),
          segment: eb.ref("excluded.segment"),
          shown_segment: eb.ref("excluded.shown_segment"),
          resolved_by: eb.ref("excluded.resolved_by"),
          resolved_on: eb.ref("excluded.resolved_on"),
          label: eb.ref("excluded.label"),
          reasons: eb.ref("excluded.reasons"),
          unknown: eb.ref("excluded.unknown"),
          possibly: eb.ref("excluded.possibly"),
          facts: eb.ref("excluded.facts"),
          notes: eb.ref("excluded.notes"),
          fingerprint: eb.ref("excluded.fingerprint"),
        })),
      )
      .execute();
  }
}

function entryToRow(entry: HistoryEntry): DecisionHistoryRow {
  return {
    customer_id: entry.customerId,
    valid_from: entry.validFrom,
    run_id: entry.runId ?? null,
    segment: entry.segment,
    shown_segment: entry.shownSegment,
    resolved_by: entry.resolvedBy ?? null,
    resolved_on: entry.resolvedOn ?? null,
    label: entry.label,
    reasons: JSON.stringify(entry.reasons),
    unknown: JSON.stringify(entry.unknown),
    possibly: JSON.stringify(entry.possibly),
    facts: JSON.stringify(entry.facts),
    notes: JSON.stringify(entry.notes),
    fingerprint: entry.fingerprint,
  };
}

function rowToEntry(row: Selectable<DecisionHistoryRow>): HistoryEntry {
  return {
    customerId: row.customer_id,
    validFrom: row.valid_from,
    runId: row.run_id === null ? undefined : Number(row.run_id),
    segment: row.segment as Bucket,
    shownSegment: row.shown_segment as Bucket,
    resolvedBy: row.resolved_by ?? undefined,
    resolvedOn: row.resolved_on ?? undefined,
    label: row.label,
    reasons: JSON.parse(row.reasons) as Reason[],
    unknown: JSON.parse(row.unknown) as UnknownFact[],
    possibly: JSON.parse(row.possibly) as PossibleSegment[],
    facts: JSON.parse(row.facts) as CustomerFacts,
    notes: JSON.parse(row.notes) as string[],
    fingerprint: row.fingerprint,
  };
}
