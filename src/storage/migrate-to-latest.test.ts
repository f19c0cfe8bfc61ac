import { sql } from "kysely";
import { describe, expect, it } from "vitest";

import { CsopsError } from "../errors.js";
import { migrateToLatest } from "./migrate-to-latest.js";
import { describeEachDatabase, snapshotTables } from "./test-databases.js";

const RECORD_AND_LOG_TABLES = [
  "hubspot_companies",
  "hubspot_owners",
  "hubspot_ticket_companies",
  "hubspot_tickets",
  "import_problems",
  "imports",
  "matomo_coverage",
  "matomo_events",
  "matomo_users",
  "matomo_visits",
  "stripe_charges",
  "stripe_customers",
  "stripe_invoices",
  "stripe_subscriptions",
];
const WORKFLOW_TABLES = [
  "counters",
  "customer_states",
  "decision_history",
  "outcomes",
  "resolutions",
  "run_locks",
  "runs",
  "tasks",
];
const ACCOUNT_TABLES = ["sessions", "users"];
const ALL_MIGRATIONS = [
  "001_source_records",
  "002_cs_workflow",
  "003_users_sessions",
  "004_hubspot_ledger",
  "005_queue_order",
];

describe("migrateToLatest", () => {
  describeEachDatabase(
    "on an empty database",
    (testDatabase) => {
      it("creates every table once, and a second run changes nothing", async () => {
        const first = await migrateToLatest(testDatabase.database);
        expect(first.applied).toEqual(ALL_MIGRATIONS);
        const afterFirst = await snapshotTables(testDatabase.database);
        expect(Object.keys(afterFirst)).toEqual(
          expect.arrayContaining([...RECORD_AND_LOG_TABLES, ...WORKFLOW_TABLES, ...ACCOUNT_TABLES]),
        );
        // Task ids start at T-1001.
        expect(afterFirst.counters).toEqual([{ name: "task_number", value: 1000 }]);

        const second = await migrateToLatest(testDatabase.database);
        expect(second.applied).toEqual([]);
        expect(await snapshotTables(testDatabase.database)).toEqual(afterFirst);
      });
    },
    { migrate: false },
  );

  describeEachDatabase(
    "next to another schema's migration tables",
    (testDatabase) => {
      it.skipIf(testDatabase.dialect !== "postgres")(
        "creates its own migration tables while another schema has some",
        async () => {
          // What a parallel suite, or another app using Kysely in the same database, leaves.
          const db = testDatabase.database.kysely;
          const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
            db,
          );
          const other = sql.id(`${rows[0]?.schema}_other`);
          await sql`create schema ${other}`.execute(db);
          try {
            await sql`create table ${other}.kysely_migration (name text primary key)`.execute(db);
            await sql`create table ${other}.kysely_migration_lock (id text primary key)`.execute(
              db,
            );

            expect((await migrateToLatest(testDatabase.database)).applied).toEqual(ALL_MIGRATIONS);
          } finally {
            await sql`drop schema ${other} cascade`.execute(db);
          }
        },
      );
    },
    { migrate: false },
  );

  describeEachDatabase(
    "when a migration fails",
    (testDatabase) => {
      it("throws database_migration_failed and leaves no half-made schema", async () => {
        // A table in the way makes migration 001 fail after it created `imports`.
        await sql`create table hubspot_companies (company_id text)`.execute(
          testDatabase.database.kysely,
        );

        const failure = await migrateToLatest(testDatabase.database).catch((error) => error);
        expect(failure).toBeInstanceOf(CsopsError);
        expect(failure).toMatchObject({ code: "database_migration_failed" });
        expect(failure.message).toContain("001_source_records");

        const tables = Object.keys(await snapshotTables(testDatabase.database));
        expect(tables).toContain("hubspot_companies");
        expect(tables).not.toContain("imports");
        expect(tables).not.toContain("import_problems");
      });
    },
    { migrate: false },
  );
});
