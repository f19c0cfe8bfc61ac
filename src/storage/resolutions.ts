import type { Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { SegmentId } from "../domain/rules.js";
import type { Resolution, Signal } from "../domain/tasks/index.js";
import type { StorageTables } from "./storage-tables.js";

type Db = Kysely<StorageTables>;

const IDS_PER_QUERY = 1000;

/** Keeps a resolution; the customer's latest one is what the daily run reads. */
export async function insertResolution(db: Db, resolution: Resolution): Promise<void> {
  await db
    .insertInto("resolutions")
    .values({
      customer_id: resolution.customerId,
      resolved_on: resolution.resolvedOn,
      resolved_by: resolution.resolvedBy,
      segment: resolution.segment,
      signals: JSON.stringify(resolution.signals),
      task_id: resolution.taskId,
    })
    .execute();
}

/** Per customer, its latest resolution (by date, then the one logged last). */
export async function findLatestResolutions(
  db: Db,
  customerIds: readonly string[],
): Promise<Map<string, Resolution>> {
  const latest = new Map<string, Resolution>();
  for (let start = 0; start < customerIds.length; start += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom("resolutions")
      .selectAll()
      .where("customer_id", "in", customerIds.slice(start, start + IDS_PER_QUERY))
      .orderBy("resolved_on")
      .orderBy("id")
      .execute();
    // Ascending, so the last one set per customer is its latest.
    for (const row of rows) {
      latest.set(row.customer_id, {
        customerId: row.customer_id,
        resolvedOn: row.resolved_on,
        resolvedBy: row.resolved_by,
        segment: row.segment as SegmentId,
        signals: JSON.parse(row.signals) as Signal[],
        taskId: row.task_id,
      });
    }
  }

  return latest;
}

/**
 * Replaces the signals of a customer's latest resolution on `resolvedOn`: the run forgets the
 * ones that stopped holding, so that they count as new if they come back.
 */
export async function updateResolutionSignals(
  db: Db,
  resolution: { customerId: string; resolvedOn: CalendarDate; signals: readonly Signal[] },
): Promise<void> {
  const latest = await db
    .selectFrom("resolutions")
    .select("id")
    .where("customer_id", "=", resolution.customerId)
    .where("resolved_on", "=", resolution.resolvedOn)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (latest === undefined) return;

  await db
    .updateTable("resolutions")
    .set({ signals: JSON.stringify(resolution.signals) })
    .where("id", "=", latest.id)
    .execute();
}
