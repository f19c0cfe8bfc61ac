import type { Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { Bucket } from "../domain/rules.js";
import type { HubspotLedgerTables } from "./hubspot-ledger-tables.js";
import type { StorageTables } from "./storage-tables.js";

type Db = Kysely<StorageTables & HubspotLedgerTables>;

/** A company whose segment differs from what was last written to HubSpot. */
export interface SegmentChange {
  companyId: string;
  /** What the team sees: a customer resolved by a person shows as Healthy & Stable. */
  segment: Bucket;
}

/** An owner as the HubSpot sync stored it. */
export interface StoredOwner {
  ownerId: string;
  name: string;
  email?: string | undefined;
}

/**
 * Each company's segment on `date` (its newest decision on or before it) where it differs from
 * the value last written to HubSpot, or none was. Canceled customers (csops skips them) and
 * companies deleted in HubSpot are left out.
 */
export async function listSegmentChanges(db: Db, date: CalendarDate): Promise<SegmentChange[]> {
  const rows = await db
    .selectFrom("decision_history as h")
    .innerJoin("hubspot_companies as c", "c.company_id", "h.customer_id")
    .leftJoin("customer_states as s", "s.customer_id", "h.customer_id")
    .leftJoin("hubspot_segment_ledger as l", "l.company_id", "h.customer_id")
    .select(["h.customer_id", "h.shown_segment"])
    .where("h.valid_from", "=", (eb) =>
      eb
        .selectFrom("decision_history as newest")
        .select((inner) => inner.fn.max("newest.valid_from").as("valid_from"))
        .whereRef("newest.customer_id", "=", "h.customer_id")
        .where("newest.valid_from", "<=", date),
    )
    .where((eb) => eb.or([eb("c.is_deleted", "is", null), eb("c.is_deleted", "=", 0)]))
    .where((eb) => eb.or([eb("s.status", "is", null), eb("s.status", "!=", "canceled")]))
    .where((eb) =>
      eb.or([eb("l.value", "is", null), eb("l.value", "!=", eb.ref("h.shown_segment"))]),
    )
    .orderBy("h.customer_id")
    .execute();

  return rows.map((row) => ({ companyId: row.customer_id, segment: row.shown_segment as Bucket }));
}

/** Records what was written to each company's property (for the decision of `decidedOn`). */
export async function recordSegmentWrites(
  db: Db,
  writes: readonly SegmentChange[],
  decidedOn: CalendarDate,
  now: number,
): Promise<void> {
  if (writes.length === 0) return;
  await db
    .insertInto("hubspot_segment_ledger")
    .values(
      writes.map((write) => ({
        company_id: write.companyId,
        value: write.segment,
        decided_on: decidedOn,
        written_at: now,
      })),
    )
    .onConflict((conflict) =>
      conflict.column("company_id").doUpdateSet((eb) => ({
        value: eb.ref("excluded.value"),
        decided_on: eb.ref("excluded.decided_on"),
        written_at: eb.ref("excluded.written_at"),
      })),
    )
    .execute();
}

/** HubSpot's owners as the last sync stored them: a CS person's HubSpot owner id. */
export async function listStoredOwners(db: Db): Promise<StoredOwner[]> {
  const rows = await db
    .selectFrom("hubspot_owners")
    .select(["owner_id", "name", "email"])
    .orderBy("owner_id")
    .execute();

  return rows.map((row) => ({
    ownerId: row.owner_id,
    name: row.name,
    email: row.email ?? undefined,
  }));
}
