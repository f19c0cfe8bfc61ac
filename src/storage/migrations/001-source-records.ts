import type { Kysely, Migration } from "kysely";

import { generatedIdType, type DialectName } from "../dialect-differences.js";

/**
 * The imports log and one table per record kind of src/domain/records.ts, keyed on the
 * sources' own ids so that importing a record again updates it in place. Booleans are integer
 * 0/1 and dates `YYYY-MM-DD` text in both databases (see storage-tables.ts for why).
 */
export function createSourceRecordsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createImportLog(db, dialect);
      await createHubspotTables(db);
      await createStripeTables(db);
      await createMatomoTables(db);
    },
  };
}

async function createImportLog(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("imports")
    .addColumn("id", generatedIdType(dialect), (c) => c.primaryKey())
    .addColumn("source", "text")
    .addColumn("kind", "text")
    .addColumn("preset", "text")
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("sha256", "text")
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rows_read", "integer", (c) => c.notNull())
    .addColumn("rows_imported", "integer", (c) => c.notNull())
    .addColumn("rows_rejected", "integer", (c) => c.notNull())
    .addColumn("data_as_of", "bigint")
    .addColumn("coverage_from", "text")
    .addColumn("coverage_to", "text")
    .addColumn("message", "text")
    .execute();
  await db.schema.createIndex("imports_sha256").on("imports").column("sha256").execute();

  await db.schema
    .createTable("import_problems")
    .addColumn("id", generatedIdType(dialect), (c) => c.primaryKey())
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .addColumn("line", "integer", (c) => c.notNull())
    .addColumn("column", "text")
    .addColumn("value", "text")
    .addColumn("message", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("import_problems_import_id")
    .on("import_problems")
    .columns(["import_id", "id"])
    .execute();
}

async function createHubspotTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("hubspot_companies")
    .addColumn("company_id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("domain", "text")
    .addColumn("owner_id", "text")
    .addColumn("owner_name", "text")
    .addColumn("plan", "text")
    .addColumn("contract_end_date", "text")
    .addColumn("account_start_date", "text")
    .addColumn("stripe_customer_id", "text")
    .addColumn("is_deleted", "integer")
    .addColumn("modified_at", "bigint")
    .addColumn("ticket_count", "integer")
    .addColumn("payment_failed", "integer")
    .addColumn("last_login_date", "text")
    .addColumn("logins_30d", "integer")
    .addColumn("features_used_30d", "integer")
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();

  await db.schema
    .createTable("hubspot_tickets")
    .addColumn("ticket_id", "text", (c) => c.primaryKey())
    .addColumn("company_id", "text")
    .addColumn("created_date", "text", (c) => c.notNull())
    .addColumn("closed_date", "text")
    .addColumn("is_deleted", "integer")
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();
  await db.schema
    .createIndex("hubspot_tickets_created_date")
    .on("hubspot_tickets")
    .column("created_date")
    .execute();

  await db.schema
    .createTable("hubspot_ticket_companies")
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .addPrimaryKeyConstraint("hubspot_ticket_companies_pkey", ["ticket_id", "company_id"])
    .execute();
  await db.schema
    .createIndex("hubspot_ticket_companies_company_id")
    .on("hubspot_ticket_companies")
    .column("company_id")
    .execute();

  await db.schema
    .createTable("hubspot_owners")
    .addColumn("owner_id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();
}

async function createStripeTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("stripe_customers")
    .addColumn("customer_id", "text", (c) => c.primaryKey())
    .addColumn("email", "text")
    .addColumn("name", "text")
    .addColumn("hubspot_company_id", "text")
    .addColumn("created_at", "bigint")
    .addColumn("delinquent", "integer")
    .addColumn("is_deleted", "integer")
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();

  await db.schema
    .createTable("stripe_subscriptions")
    .addColumn("subscription_id", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("start_date", "text")
    .addColumn("current_period_end", "text")
    .addColumn("cancel_at_period_end", "integer")
    .addColumn("canceled_at", "bigint")
    .addColumn("created_at", "bigint")
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();
  await db.schema
    .createIndex("stripe_subscriptions_customer_id")
    .on("stripe_subscriptions")
    .column("customer_id")
    .execute();

  await db.schema
    .createTable("stripe_invoices")
    .addColumn("invoice_id", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("subscription_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("amount_remaining", "bigint", (c) => c.notNull())
    .addColumn("attempted", "integer", (c) => c.notNull())
    .addColumn("attempt_count", "integer", (c) => c.notNull())
    .addColumn("due_date", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();
  await db.schema
    .createIndex("stripe_invoices_customer_id")
    .on("stripe_invoices")
    .column("customer_id")
    .execute();
  // The facts builder reads only open invoices, a small share of all of them.
  await db.schema
    .createIndex("stripe_invoices_status")
    .on("stripe_invoices")
    .column("status")
    .execute();

  await db.schema
    .createTable("stripe_charges")
    .addColumn("charge_id", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text")
    .addColumn("invoice_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("failure_code", "text")
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();
}

async function createMatomoTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("matomo_visits")
    .addColumn("visit_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text")
    .addColumn("visited_at", "bigint", (c) => c.notNull())
    .addColumn("visit_date", "text", (c) => c.notNull())
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();
  // Per-user activity (last login, logins in the window) and the window's visit counts.
  await db.schema
    .createIndex("matomo_visits_user_id_visit_date")
    .on("matomo_visits")
    .columns(["user_id", "visit_date"])
    .execute();
  await db.schema
    .createIndex("matomo_visits_visit_date")
    .on("matomo_visits")
    .column("visit_date")
    .execute();

  await db.schema
    .createTable("matomo_events")
    .addColumn("visit_id", "text", (c) =>
      c.notNull().references("matomo_visits.visit_id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addPrimaryKeyConstraint("matomo_events_pkey", ["visit_id", "position"])
    .execute();

  await db.schema
    .createTable("matomo_users")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("exported_on", "text", (c) => c.notNull())
    .addColumn("last_login_date", "text")
    .addColumn("logins_30d", "integer")
    .addColumn("features_used_30d", "integer")
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();

  await db.schema
    .createTable("matomo_coverage")
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("import_id", "bigint", (c) => c.notNull().references("imports.id"))
    .execute();
}
