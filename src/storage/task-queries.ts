import { sql, type Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { Task } from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import { rowsPerStatement, type DialectName } from "./dialect-differences.js";
import type { StorageTables } from "./storage-tables.js";
import { rowToTask, taskToRow } from "./task-rows.js";

type Db = Kysely<StorageTables>;

/** Ids per `in (…)` list: far below both databases' parameter limits. */
const IDS_PER_QUERY = 1000;
const TASK_COLUMNS = 24;

/** Inserts new tasks in multi-row statements. */
export async function insertTasks(db: Db, dialect: DialectName, tasks: readonly Task[]) {
  const rows = tasks.map(taskToRow);
  const batchSize = rowsPerStatement(dialect, TASK_COLUMNS);
  for (let start = 0; start < rows.length; start += batchSize) {
    await db
      .insertInto("tasks")
      .values(rows.slice(start, start + batchSize))
      .execute();
  }
}

/**
 * Writes the new state of tasks that were open when they were read: status, closing reason and
 * date, reasons, signals, context and owner (nothing else of a task ever changes). Each update
 * only applies while the task is still open, so an outcome logged meanwhile is never overwritten:
 * that throws `task_conflict` and the caller's transaction undoes everything.
 */
export async function updateOpenTasks(
  db: Db,
  dialect: DialectName,
  tasks: readonly Task[],
): Promise<void> {
  // One statement per batch, not per task: the daily run refreshes every open alert, and on
  // PostgreSQL a round trip per task made that the slowest part of the run.
  const batchSize = rowsPerStatement(dialect, UPDATED_COLUMNS.length + 1);
  for (let start = 0; start < tasks.length; start += batchSize) {
    const batch = tasks.slice(start, start + batchSize);
    const values = batch.map((task) => {
      const row = taskToRow(task);
      return sql`(${sql.join([task.id, ...UPDATED_COLUMNS.map((column) => row[column])])})`;
    });
    // Both databases name a VALUES list's columns column1, column2, …: column1 is the id.
    const assignments = UPDATED_COLUMNS.map(
      (column, index) => sql`${sql.ref(column)} = ${sql.ref(`v.column${index + 2}`)}`,
    );
    const result = await sql`update tasks set ${sql.join(assignments)}
      from (values ${sql.join(values)}) as v
      where tasks.id = v.column1 and tasks.status = 'open'`.execute(db);

    if (Number(result.numAffectedRows ?? 0) !== batch.length) {
      throw await describeConflict(db, batch);
    }
  }
}

/** The columns `updateOpenTasks` writes. */
const UPDATED_COLUMNS = [
  "status",
  "closed_reason",
  "closed_on",
  "reasons",
  "signals",
  "context",
  "company_name",
  "contract_end_date",
  "owner",
] as const;

/** Names the first task of a batch that is no longer open: someone closed it meanwhile. */
async function describeConflict(db: Db, batch: readonly Task[]): Promise<CsopsError> {
  const ids = batch.map((task) => task.id);
  const open = await db
    .selectFrom("tasks")
    .select("id")
    .where("id", "in", ids)
    .where("status", "=", "open")
    .execute();
  const stillOpen = new Set(open.map((row) => row.id));
  const changed = ids.find((id) => !stillOpen.has(id)) ?? ids[0];

  return new CsopsError(
    "task_conflict",
    `task ${changed} was changed by someone else meanwhile; nothing was saved, try again`,
  );
}

/** One task by id, whatever its status. */
export async function findTask(db: Db, taskId: string): Promise<Task | undefined> {
  const row = await db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirst();

  return row === undefined ? undefined : rowToTask(row);
}

/** The tasks with these ids, whatever their status, in no particular order. */
export async function findTasks(db: Db, taskIds: readonly string[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let start = 0; start < taskIds.length; start += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom("tasks")
      .selectAll()
      .where("id", "in", taskIds.slice(start, start + IDS_PER_QUERY))
      .execute();
    tasks.push(...rows.map(rowToTask));
  }

  return tasks;
}

/** The open tasks of these customers, oldest first. */
export async function listOpenTasksOf(db: Db, customerIds: readonly string[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let start = 0; start < customerIds.length; start += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom("tasks")
      .selectAll()
      .where("customer_id", "in", customerIds.slice(start, start + IDS_PER_QUERY))
      .where("status", "=", "open")
      .orderBy("number")
      .execute();
    tasks.push(...rows.map(rowToTask));
  }

  return tasks;
}

/** Every open task, or one person's, by due time. */
export async function listOpenTasks(db: Db, options: { owner?: string | undefined } = {}) {
  let query = db.selectFrom("tasks").selectAll().where("status", "=", "open");
  if (options.owner !== undefined) query = query.where("owner", "=", options.owner);
  const rows = await query.orderBy("due_at").orderBy("number").execute();

  return rows.map(rowToTask);
}

/** Every task of one customer, newest first. */
export async function listTasksOfCustomer(db: Db, customerId: string): Promise<Task[]> {
  const rows = await db
    .selectFrom("tasks")
    .selectAll()
    .where("customer_id", "=", customerId)
    .orderBy("number", "desc")
    .execute();

  return rows.map(rowToTask);
}

/** Customers with at least one open task. */
export async function listCustomersWithOpenTasks(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("tasks")
    .select("customer_id")
    .distinct()
    .where("status", "=", "open")
    .orderBy("customer_id")
    .execute();

  return rows.map((row) => row.customer_id);
}

/** Per customer, when its latest check-in task was made, whatever became of it. */
export async function findLastCheckIns(
  db: Db,
  customerIds: readonly string[],
): Promise<Map<string, CalendarDate>> {
  const found = new Map<string, CalendarDate>();
  for (let start = 0; start < customerIds.length; start += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom("tasks")
      .select(["customer_id", (eb) => eb.fn.max("created_on").as("last")])
      .where("customer_id", "in", customerIds.slice(start, start + IDS_PER_QUERY))
      .where("kind", "=", "check_in")
      .groupBy("customer_id")
      .execute();
    for (const row of rows) found.set(row.customer_id, row.last);
  }

  return found;
}
