import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";

import { CsopsError } from "../errors.js";
import type { DialectName } from "./dialect-differences.js";
import { createSourceRecordsMigration } from "./migrations/001-source-records.js";
import { createCsWorkflowMigration } from "./migrations/002-cs-workflow.js";
import { createUsersSessionsMigration } from "./migrations/003-users-sessions.js";
import { createHubspotLedgerMigration } from "./migrations/004-hubspot-ledger.js";
import { createQueueOrderMigration } from "./migrations/005-queue-order.js";
import type { Database } from "./open-database.js";

/**
 * Every migration, by name in the order they run. Imported statically rather than read from a
 * folder, so the compiled CLI in dist/ finds them wherever it is installed. A new migration is a
 * new file in migrations/ and one line here; a migration that has shipped never changes.
 */
function listMigrations(dialect: DialectName): Record<string, Migration> {
  const migrations: Record<string, Migration> = {
    "001_source_records": createSourceRecordsMigration(dialect),
    "002_cs_workflow": createCsWorkflowMigration(dialect),
    "003_users_sessions": createUsersSessionsMigration(dialect),
    "004_hubspot_ledger": createHubspotLedgerMigration(dialect),
    "005_queue_order": createQueueOrderMigration(dialect),
  };

  return Object.fromEntries(
    Object.entries(migrations).map(([name, migration]) => [name, inTransaction(migration)]),
  );
}

/**
 * Kysely runs migrations in a transaction only where it knows DDL to be transactional, which it
 * assumes of PostgreSQL and not of SQLite, though SQLite's DDL is transactional too. Opening the
 * transaction ourselves when Kysely did not makes a failed migration leave no half-made schema
 * in either database.
 */
function inTransaction(migration: Migration): Migration {
  return {
    up: (db: Kysely<unknown>) =>
      db.isTransaction ? migration.up(db) : db.transaction().execute((tx) => migration.up(tx)),
  };
}

/**
 * PostgreSQL: the schema tables are created in. Kysely decides whether its migration tables
 * exist by looking for their names in every schema of the database, so another schema's (a
 * parallel test suite's, another app's) would make it skip creating ours and then fail to find
 * them. Naming our schema makes it look there only. SQLite has one schema per file.
 */
async function findPostgresSchema(database: Database): Promise<string | undefined> {
  if (database.dialect !== "postgres") return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    database.kysely,
  );

  return rows[0]?.schema;
}

/**
 * Brings the schema up to date; run on start-up and by `csops migrate`. Returns the names of the
 * migrations that ran (none when it was up to date). A failed migration leaves nothing of itself
 * behind and throws `database_migration_failed`; the ones before it stay applied.
 */
export async function migrateToLatest(database: Database): Promise<{ applied: string[] }> {
  const provider: MigrationProvider = {
    getMigrations: () => Promise.resolve(listMigrations(database.dialect)),
  };
  const migrator = new Migrator({
    db: database.kysely,
    provider,
    migrationTableSchema: await findPostgresSchema(database),
  });
  const { error, results = [] } = await migrator.migrateToLatest();

  if (error !== undefined) {
    const failed = results.find((result) => result.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CsopsError(
      "database_migration_failed",
      `Could not bring the database ${database.location} up to date` +
        `${failed === undefined ? "" : ` (migration ${failed})`}: ${reason}`,
      [],
      { cause: error },
    );
  }

  return {
    applied: results
      .filter((result) => result.status === "Success")
      .map((result) => result.migrationName),
  };
}
