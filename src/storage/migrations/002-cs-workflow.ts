import { sql, type Kysely, type Migration } from "kysely";

import { generatedIdType, type DialectName } from "../dialect-differences.js";

/** Task ids start at T-1001: short enough to type, and never confused with a count. */
const FIRST_TASK_NUMBER = 1000;

/**
 * The CS workflow: each customer's CS state, its decision history (a row only when something
 * changed), tasks, outcomes, resolutions, the run log with its per-date lock, and the counter
 * that numbers tasks. JSON values are text; see workflow-tables.ts.
 */
export function createCsWorkflowMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createCustomerTables(db);
      await createTaskTables(db, dialect);
      await createRunTables(db, dialect);
    },
  };
}

async function createCustomerTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("customer_states")
    .addColumn("customer_id", "text", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("canceled_on", "text")
    .addColumn("canceled_by", "text")
    .addColumn("assigned_to", "text")
    .addColumn("assignment_basis", "text")
    .addColumn("first_seen_on", "text", (c) => c.notNull())
    .execute();

  // The primary key is the index "the decision on date D" reads: newest valid_from <= D.
  await db.schema
    .createTable("decision_history")
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("run_id", "bigint")
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("shown_segment", "text", (c) => c.notNull())
    .addColumn("resolved_by", "text")
    .addColumn("resolved_on", "text")
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("unknown", "text", (c) => c.notNull())
    .addColumn("possibly", "text", (c) => c.notNull())
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("decision_history_pkey", ["customer_id", "valid_from"])
    .execute();
  // Segments over time for the dashboard: every customer's row in force on a date.
  await db.schema
    .createIndex("decision_history_valid_from")
    .on("decision_history")
    .column("valid_from")
    .execute();
}

async function createTaskTables(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "bigint", (c) => c.notNull().unique())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("priority", "integer", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("closed_reason", "text")
    .addColumn("closed_on", "text")
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("signals", "text", (c) => c.notNull())
    .addColumn("escalation", "text")
    .addColumn("context", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("created_on", "text", (c) => c.notNull())
    .addColumn("follow_up_of", "text")
    .addColumn("pending_follow_up_id", "text")
    .execute();
  // The queue: open tasks by due time.
  await db.schema
    .createIndex("tasks_status_due_at")
    .on("tasks")
    .columns(["status", "due_at"])
    .execute();
  // A customer's tasks: its open ones for each run, all of them for `explain`.
  await db.schema
    .createIndex("tasks_customer_id_status")
    .on("tasks")
    .columns(["customer_id", "status"])
    .execute();

  await db.schema
    .createTable("outcomes")
    .addColumn("id", generatedIdType(dialect), (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("task_kind", "text", (c) => c.notNull())
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("issue", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("follow_up_on", "text")
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("logged_by", "text", (c) => c.notNull())
    .addColumn("logged_at", "bigint", (c) => c.notNull())
    .addColumn("logged_on", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("outcomes_customer_id")
    .on("outcomes")
    .columns(["customer_id", "logged_at"])
    .execute();
  // Touchpoints done this week, for the capacity plan.
  await db.schema.createIndex("outcomes_logged_on").on("outcomes").column("logged_on").execute();

  await db.schema
    .createTable("resolutions")
    .addColumn("id", generatedIdType(dialect), (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("resolved_on", "text", (c) => c.notNull())
    .addColumn("resolved_by", "text", (c) => c.notNull())
    .addColumn("segment", "text", (c) => c.notNull())
    .addColumn("signals", "text", (c) => c.notNull())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .execute();
  await db.schema
    .createIndex("resolutions_customer_id")
    .on("resolutions")
    .columns(["customer_id", "resolved_on"])
    .execute();

  await db.schema
    .createTable("counters")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "bigint", (c) => c.notNull())
    .execute();
  await sql`insert into counters (name, value) values ('task_number', ${FIRST_TASK_NUMBER})`.execute(
    db,
  );
}

async function createRunTables(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("runs")
    .addColumn("id", generatedIdType(dialect), (c) => c.primaryKey())
    .addColumn("run_date", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("degraded", "integer", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("sources", "text")
    .addColumn("message", "text")
    .execute();
  await db.schema.createIndex("runs_run_date").on("runs").columns(["run_date", "id"]).execute();

  // A row exists exactly while a run works on the date: the primary key lets only one insert it.
  await db.schema
    .createTable("run_locks")
    .addColumn("run_date", "text", (c) => c.primaryKey())
    .addColumn("run_id", "bigint", (c) => c.notNull())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("locked_at", "bigint", (c) => c.notNull())
    .addColumn("heartbeat_at", "bigint", (c) => c.notNull())
    .execute();
}
