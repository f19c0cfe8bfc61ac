import type { Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { UnknownFact } from "../domain/decide-segment.js";
import type { Bucket } from "../domain/rules.js";
import type { StorageTables } from "./storage-tables.js";

type Db = Kysely<StorageTables>;

/** One customer's decision in force on a date, reduced to what the dashboard counts. */
export interface SegmentOnDate {
  customerId: string;
  segment: Bucket;
  shownSegment: Bucket;
  unknown: UnknownFact[];
}

/**
 * Every customer's decision in force on `date` (its newest history entry on or before it),
 * leaving out customers canceled by then: a canceled customer is no longer evaluated, so its
 * last entry would otherwise stay "in force" for ever.
 */
export async function listSegmentsOn(db: Db, date: CalendarDate): Promise<SegmentOnDate[]> {
  const rows = await db
    .selectFrom("decision_history as h")
    .leftJoin("customer_states as s", "s.customer_id", "h.customer_id")
    .select(["h.customer_id", "h.segment", "h.shown_segment", "h.unknown"])
    .where("h.valid_from", "=", (eb) =>
      eb
        .selectFrom("decision_history as n")
        .select((inner) => inner.fn.max("n.valid_from").as("d"))
        .whereRef("n.customer_id", "=", "h.customer_id")
        .where("n.valid_from", "<=", date),
    )
    .where((eb) =>
      eb.or([
        eb("s.status", "is", null),
        eb("s.status", "!=", "canceled"),
        eb("s.canceled_on", ">", date),
      ]),
    )
    .orderBy("h.customer_id")
    .execute();

  return rows.map((row) => ({
    customerId: row.customer_id,
    segment: row.segment as Bucket,
    shownSegment: row.shown_segment as Bucket,
    unknown: JSON.parse(row.unknown) as UnknownFact[],
  }));
}
