import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";

import { maskDatabaseUrl } from "./database-url.js";
import type { DialectName } from "./dialect-differences.js";
import { migrateToLatest } from "./migrate-to-latest.js";
import { openDatabase, type Database } from "./open-database.js";
import { createStore, type Store } from "./store.js";

/** The PostgreSQL the storage suites use: CI's, unless TEST_DATABASE_URL names another. */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** One suite's database, open from its `beforeAll` to its `afterAll`. */
export interface TestDatabase {
  readonly dialect: DialectName;
  readonly database: Database;
  /** A store over `database`. */
  readonly store: Store;
}

export interface TestDatabaseOptions {
  /** Bring the schema up to date before the tests (default true). */
  migrate?: boolean;
}

/**
 * Registers the suite `fn` twice: over SQLite in a temporary file, and over PostgreSQL in a
 * schema of its own, so test files run in parallel without seeing each other's rows. Each
 * registration gets one database for all its tests (tests in a file run in order).
 *
 * PostgreSQL must be reachable: CI guarantees it, so a missing server fails the suite with a
 * message saying how to start one. `CSOPS_SKIP_POSTGRES=1` skips the PostgreSQL half instead.
 */
export function describeEachDatabase(
  name: string,
  fn: (testDatabase: TestDatabase) => void,
  options: TestDatabaseOptions = {},
): void {
  describe(`${name} [sqlite]`, () => {
    registerSuite("sqlite", fn, options);
  });
  describe.skipIf(process.env.CSOPS_SKIP_POSTGRES === "1")(`${name} [postgres]`, () => {
    registerSuite("postgres", fn, options);
  });
}

function registerSuite(
  dialect: DialectName,
  fn: (testDatabase: TestDatabase) => void,
  options: TestDatabaseOptions,
): void {
  let opened: { database: Database; store: Store; cleanUp: () => Promise<void> } | undefined;

  beforeAll(async () => {
    opened = dialect === "sqlite" ? await openSqliteSuite() : await openPostgresSuite();
    if (options.migrate ?? true) await migrateToLatest(opened.database);
  });
  afterAll(async () => {
    await opened?.cleanUp();
    opened = undefined;
  });

  const openedOrFail = () => {
    if (opened === undefined) throw new Error(`The ${dialect} test database is not open`);
    return opened;
  };
  fn({
    dialect,
    get database() {
      return openedOrFail().database;
    },
    get store() {
      return openedOrFail().store;
    },
  });
}

async function openSqliteSuite() {
  const folder = mkdtempSync(join(tmpdir(), "csops-storage-"));
  const database = await openDatabase({ url: "sqlite:csops.sqlite", cwd: folder });

  return {
    database,
    store: createStore(database),
    cleanUp: async () => {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function openPostgresSuite() {
  const schema = `csops_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await runAsAdmin(`create schema ${schema}`);
  const database = await openDatabase({
    url: TEST_POSTGRES_URL,
    cwd: tmpdir(),
    searchPath: schema,
  });

  return {
    database,
    store: createStore(database),
    cleanUp: async () => {
      await database.close();
      await runAsAdmin(`drop schema ${schema} cascade`);
    },
  };
}

async function runAsAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${maskDatabaseUrl(TEST_POSTGRES_URL)} (${reason}). ` +
        "The storage suites run against it as in CI: start it with " +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, " +
        "point TEST_DATABASE_URL at another server, or set CSOPS_SKIP_POSTGRES=1 to skip them.",
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Every row of every table, each table's rows in a stable order: two snapshots are equal
 * exactly when the database holds the same data.
 */
export async function snapshotTables(
  database: Database,
): Promise<Record<string, Record<string, unknown>[]>> {
  const tables = await listTables(database);
  const snapshot: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      database.kysely,
    );
    snapshot[table] = rows
      .map((row) => ({ row, key: JSON.stringify(row) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ row }) => row);
  }

  return snapshot;
}

async function listTables(database: Database): Promise<string[]> {
  const query =
    database.dialect === "sqlite"
      ? sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() order by table_name`;
  const { rows } = await query.execute(database.kysely);

  return rows.map((row) => row.name);
}
