import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";

import { CsopsError } from "../errors.js";
import { parseDatabaseUrl } from "./database-url.js";
import { POSTGRES_TYPES, type DialectName } from "./dialect-differences.js";
import type { StorageTables } from "./storage-tables.js";

/** An open database: the Kysely instance every query goes through, and which dialect it is. */
export interface Database {
  readonly kysely: Kysely<StorageTables>;
  readonly dialect: DialectName;
  /** The SQLite file, or PostgreSQL's `host:port/database`: for messages, never a password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `DATABASE_URL`: `postgres://…`, `sqlite:PATH`, `sqlite::memory:`, or absent. */
  url?: string | undefined;
  /** The working directory: relative SQLite paths and the default file are under it. */
  cwd: string;
  /** PostgreSQL only: the schema to work in, e.g. one per test suite. */
  searchPath?: string | undefined;
}

/** How long a writer waits for another process's lock before SQLite reports "busy". */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the database `DATABASE_URL` names (see `parseDatabaseUrl`), checking that it answers.
 * Throws `config_invalid` for a URL csops cannot use and `database_unavailable` when the file
 * cannot be opened or the server cannot be reached; no message carries a password.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const target = parseDatabaseUrl(options.url, options.cwd);
  if (target.dialect === "sqlite") return openSqlite(target.file);

  return openPostgres(target.connectionString, target.location, options.searchPath);
}

function openSqlite(file: string): Database {
  let sqlite: BetterSqlite3.Database;
  try {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    sqlite = new BetterSqlite3(file);
    // WAL lets the web app read while an import writes. In WAL mode `synchronous = NORMAL` is
    // still atomic and consistent after a crash; a power cut may lose the last commit, which
    // re-importing the same file restores.
    if (file !== ":memory:") sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (cause) {
    throw new CsopsError(
      "database_unavailable",
      `Cannot open the SQLite database ${file}: ${messageOf(cause)}`,
      [],
      { cause },
    );
  }
  const kysely = new Kysely<StorageTables>({ dialect: new SqliteDialect({ database: sqlite }) });

  return { kysely, dialect: "sqlite", location: file, close: () => kysely.destroy() };
}

async function openPostgres(
  connectionString: string,
  location: string,
  searchPath: string | undefined,
): Promise<Database> {
  if (searchPath !== undefined && !/^[a-z_][a-z0-9_]*$/i.test(searchPath)) {
    throw new CsopsError("config_invalid", `"${searchPath}" is not a plain schema name`);
  }
  const pool = new pg.Pool({
    connectionString,
    types: POSTGRES_TYPES,
    ...(searchPath === undefined ? {} : { options: `-c search_path=${searchPath}` }),
  });
  // An idle client whose server went away emits "error"; unhandled, it would end the process.
  // The next query fails and reports it, so nothing is lost by ignoring it here.
  pool.on("error", () => undefined);

  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    const password = passwordOf(connectionString);
    const reason = messageOf(cause)
      .split(password ?? "\u0000")
      .join("***");
    throw new CsopsError(
      "database_unavailable",
      `Cannot connect to PostgreSQL at ${location}: ${reason}`,
      [],
      { cause },
    );
  }
  const kysely = new Kysely<StorageTables>({ dialect: new PostgresDialect({ pool }) });

  return { kysely, dialect: "postgres", location, close: () => kysely.destroy() };
}

/** The password pg connects with (from the URL or PGPASSWORD), to keep it out of messages. */
function passwordOf(connectionString: string): string | undefined {
  const { password } = new pg.Client({ connectionString });

  return typeof password === "string" && password !== "" ? password : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(messageOf).join("; ");
  }

  return error instanceof Error ? error.message : String(error);
}
