import type { Kysely, Migration } from "kysely";

import type { DialectName } from "../dialect-differences.js";

/**
 * The HubSpot write-back's ledger: what csops wrote into HubSpot, so that a retry or a re-run
 * never writes it twice. HubSpot has no idempotency key; a task or note is claimed here
 * (`pending`) before it is sent, so a create whose answer was lost is looked for by its marker
 * before any new one. See hubspot-ledger-tables.ts for the states.
 */
export function createHubspotLedgerMigration(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("hubspot_task_ledger")
        .addColumn("task_id", "text", (c) => c.primaryKey().references("tasks.id"))
        .addColumn("company_id", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("hubspot_id", "text")
        .addColumn("association_verified", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("claimed_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint")
        .addColumn("completed_at", "bigint")
        .addColumn("last_error", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      // Each write-back reads the entries not yet done with.
      await db.schema
        .createIndex("hubspot_task_ledger_state")
        .on("hubspot_task_ledger")
        .column("state")
        .execute();

      await db.schema
        .createTable("hubspot_note_ledger")
        .addColumn("outcome_id", "bigint", (c) => c.primaryKey().references("outcomes.id"))
        .addColumn("task_id", "text", (c) => c.notNull())
        .addColumn("company_id", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("hubspot_id", "text")
        .addColumn("association_verified", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("claimed_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint")
        .addColumn("last_error", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("hubspot_note_ledger_state")
        .on("hubspot_note_ledger")
        .column("state")
        .execute();

      await db.schema
        .createTable("hubspot_segment_ledger")
        .addColumn("company_id", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("decided_on", "text", (c) => c.notNull())
        .addColumn("written_at", "bigint", (c) => c.notNull())
        .execute();
    },
  };
}
