import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";

import { CsopsError } from "../errors.js";
import { openDatabase, type Database } from "./open-database.js";
import { describeEachDatabase } from "./test-databases.js";

describe("openDatabase", () => {
  const cleanUps: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
  });

  function makeFolder(): string {
    const folder = mkdtempSync(join(tmpdir(), "csops-open-"));
    cleanUps.push(() => rmSync(folder, { recursive: true, force: true }));
    return folder;
  }

  async function open(url: string | undefined, cwd: string): Promise<Database> {
    const database = await openDatabase({ url, cwd });
    cleanUps.push(() => database.close());
    return database;
  }

  it("opens <cwd>/data/csops.sqlite without a URL, creating the folder, in WAL mode", async () => {
    const cwd = makeFolder();
    const database = await open(undefined, cwd);

    expect(database.dialect).toBe("sqlite");
    expect(database.location).toBe(join(cwd, "data", "csops.sqlite"));
    expect(existsSync(join(cwd, "data", "csops.sqlite"))).toBe(true);
    const pragmas = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(
      database.kysely,
    );
    expect(pragmas.rows).toEqual([{ journal_mode: "wal" }]);
    const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(
      database.kysely,
    );
    expect(foreignKeys.rows).toEqual([{ foreign_keys: 1 }]);
    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(database.kysely);
    expect(busy.rows).toEqual([{ timeout: 5000 }]);
  });

  it("opens a sqlite: path relative to cwd, and an in-memory database", async () => {
    const cwd = makeFolder();
    const file = await open("sqlite:nested/dir/csops.db", cwd);
    expect(file.location).toBe(join(cwd, "nested", "dir", "csops.db"));
    expect(existsSync(join(cwd, "nested", "dir", "csops.db"))).toBe(true);

    const memory = await open("sqlite::memory:", cwd);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(memory.kysely);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("reports a file that is not a SQLite database as database_unavailable", async () => {
    const cwd = makeFolder();
    writeFileSync(join(cwd, "notes.txt"), "this is not a database, just some text. ".repeat(100));

    const error = await openDatabase({ url: "sqlite:notes.txt", cwd }).catch((e) => e);
    expect(error).toBeInstanceOf(CsopsError);
    expect(error).toMatchObject({ code: "database_unavailable" });
    expect(error.message).toContain(join(cwd, "notes.txt"));
  });

  it("reports a path it cannot create as database_unavailable", async () => {
    const cwd = makeFolder();
    writeFileSync(join(cwd, "a-file"), "");

    const error = await openDatabase({ url: "sqlite:a-file/csops.sqlite", cwd }).catch((e) => e);
    expect(error).toMatchObject({ code: "database_unavailable" });
    expect(error.message).toContain("a-file");
  });

  it("reports an unreachable PostgreSQL by host and port, never with the password", async () => {
    // Port 1 on the loopback interface: nothing listens there, so the connection is refused.
    const url = "postgres://csops:Sup3r-s3cret@127.0.0.1:1/csops";

    const error = await openDatabase({ url, cwd: tmpdir() }).catch((e) => e);
    expect(error).toBeInstanceOf(CsopsError);
    expect(error).toMatchObject({ code: "database_unavailable" });
    expect(error.message).toContain("127.0.0.1:1/csops");
    expect(error.message).not.toContain("Sup3r-s3cret");
    expect(JSON.stringify(error)).not.toContain("Sup3r-s3cret");
  });

  it("refuses a URL it does not know as config_invalid", async () => {
    const error = await openDatabase({ url: "mongodb://u:pw@h/db", cwd: tmpdir() }).catch((e) => e);
    expect(error).toMatchObject({ code: "config_invalid" });
  });
});

describeEachDatabase("openDatabase's value types", (testDatabase) => {
  it("returns bigint columns and counts as numbers, dates as text", async () => {
    const { rows } = await sql<{ instant: unknown; total: unknown; day: unknown }>`
      select cast(1767225600 as bigint) as instant, count(*) as total, '2026-01-01' as day
    `.execute(testDatabase.database.kysely);

    expect(rows).toEqual([{ instant: 1767225600, total: 1, day: "2026-01-01" }]);
  });
});
