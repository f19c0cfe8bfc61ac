import { sql, type Kysely, type Migration } from "kysely";

import type { DialectName } from "../dialect-differences.js";

/**
 * The queue's order as columns, and an index that holds all the queue reads. After segment and
 * due time the queue orders by the company's contract end and name, which lived only in a
 * task's context (JSON text); existing tasks get them from it. The index covers what counting,
 * ordering and paging the queue read, so the database never opens the tasks' rows (a few hundred
 * bytes of JSON each) for that: at 100,000 customers, about 25,000 open tasks.
 */
export function createQueueOrderMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("tasks")
        .addColumn("company_name", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema.alterTable("tasks").addColumn("contract_end_date", "text").execute();

      const field = (name: string) =>
        dialect === "postgres"
          ? sql`cast(context as json) ->> ${sql.lit(name)}`
          : sql`json_extract(context, ${sql.lit(`$.${name}`)})`;
      await sql`update tasks set company_name = coalesce(${field("companyName")}, ''),
        contract_end_date = ${field("contractEndDate")}`.execute(db);

      await db.schema
        .createIndex("tasks_queue")
        .on("tasks")
        .columns([
          "status",
          "kind",
          "due_date",
          "segment",
          "due_at",
          "contract_end_date",
          "company_name",
          "id",
          "number",
          "customer_id",
          "owner",
          "pending_follow_up_id",
          "priority",
          "label",
          "action",
        ])
        .execute();
    },
  };
}
