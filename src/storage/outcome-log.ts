import type { Kysely, Selectable } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { SegmentId } from "../domain/rules.js";
import type {
  Outcome,
  OutcomeContact,
  OutcomeIssue,
  OutcomeResult,
  TaskKind,
} from "../domain/tasks/index.js";
import type { StorageTables } from "./storage-tables.js";
import type { OutcomeRow } from "./workflow-tables.js";

type Db = Kysely<StorageTables>;

/** Keeps a logged outcome: the history that will validate the rules. */
export async function insertOutcome(db: Db, outcome: Outcome): Promise<void> {
  await db
    .insertInto("outcomes")
    .values({
      task_id: outcome.taskId,
      customer_id: outcome.customerId,
      task_kind: outcome.taskKind,
      segment: outcome.segment,
      contact: outcome.contact,
      issue: outcome.issue,
      result: outcome.result,
      follow_up_on: outcome.followUpOn ?? null,
      note: outcome.note,
      logged_by: outcome.loggedBy,
      logged_at: outcome.loggedAt,
      logged_on: outcome.loggedOn,
    })
    .execute();
}

/** A customer's outcomes, newest first. */
export async function listOutcomesOf(db: Db, customerId: string): Promise<Outcome[]> {
  const rows = await db
    .selectFrom("outcomes")
    .selectAll()
    .where("customer_id", "=", customerId)
    .orderBy("logged_at", "desc")
    .orderBy("id", "desc")
    .execute();

  return rows.map(rowToOutcome);
}

/**
 * Touchpoints done between two dates (inclusive): outcomes logged then, each one touchpoint.
 * With `owner`, only those on that person's tasks.
 */
export async function countOutcomes(
  db: Db,
  options: { from: CalendarDate; to: CalendarDate; owner?: string | undefined },
): Promise<number> {
  let query = db
    .selectFrom("outcomes as o")
    .innerJoin("tasks as t", "t.id", "o.task_id")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("o.logged_on", ">=", options.from)
    .where("o.logged_on", "<=", options.to);
  if (options.owner !== undefined) query = query.where("t.owner", "=", options.owner);
  const row = await query.executeTakeFirstOrThrow();

  return Number(row.count);
}

export function rowToOutcome(row: Selectable<OutcomeRow>): Outcome {
  return {
    taskId: row.task_id,
    customerId: row.customer_id,
    taskKind: row.task_kind as TaskKind,
    segment: row.segment as SegmentId,
    contact: row.contact as OutcomeContact,
    issue: row.issue as OutcomeIssue,
    result: row.result as OutcomeResult,
    followUpOn: row.follow_up_on ?? undefined,
    note: row.note,
    loggedBy: row.logged_by,
    loggedAt: Number(row.logged_at),
    loggedOn: row.logged_on,
  };
}
