import type { Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { OutcomeContact, OutcomeIssue, OutcomeResult } from "../domain/tasks/index.js";
import { readCount } from "./dialect-differences.js";
import type { StorageTables } from "./storage-tables.js";

/** How many outcomes of one kind were logged by one person. */
export interface OutcomeTally {
  contact: OutcomeContact;
  issue: OutcomeIssue;
  result: OutcomeResult;
  loggedBy: string;
  count: number;
}

/** Outcomes logged between two dates (inclusive), counted per contact, issue, result and person. */
export async function tallyOutcomes(
  db: Kysely<StorageTables>,
  range: { from: CalendarDate; to: CalendarDate },
): Promise<OutcomeTally[]> {
  const rows = await db
    .selectFrom("outcomes")
    .select(["contact", "issue", "result", "logged_by"])
    .select((eb) => eb.fn.countAll().as("count"))
    .where("logged_on", ">=", range.from)
    .where("logged_on", "<=", range.to)
    .groupBy(["contact", "issue", "result", "logged_by"])
    .orderBy("result")
    .orderBy("logged_by")
    .execute();

  return rows.map((row) => ({
    contact: row.contact as OutcomeContact,
    issue: row.issue as OutcomeIssue,
    result: row.result as OutcomeResult,
    loggedBy: row.logged_by,
    count: readCount(row.count),
  }));
}
