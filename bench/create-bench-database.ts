import { rmSync } from "node:fs";
import { join } from "node:path";

import pg from "pg";

import type { DialectName } from "../src/storage/dialect-differences.js";

/** A database of the benchmark's own, empty, and how to remove it. */
export interface BenchDatabase {
  dialect: DialectName;
  /** `DATABASE_URL` for it. */
  url: string;
  drop(): Promise<void>;
}

/** The server the tests use; the benchmark creates a database of its own there. */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const BENCH_DATABASE = "csops_bench";

/**
 * Creates an empty database for one benchmark size: a SQLite file under `dataDir`, or the
 * PostgreSQL database `csops_bench` next to the tests' one, so a run never touches their rows.
 */
export async function createBenchDatabase(
  dialect: DialectName,
  dataDir: string,
): Promise<BenchDatabase> {
  if (dialect === "sqlite") {
    const file = join(dataDir, "csops-bench.sqlite");
    const drop = () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
      return Promise.resolve();
    };
    await drop();
    return { dialect, url: `sqlite:${file}`, drop };
  }

  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const drop = () => admin(`drop database if exists ${BENCH_DATABASE} with (force)`);
  await drop();
  await admin(`create database ${BENCH_DATABASE}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;

  return { dialect, url: url.toString(), drop };
}
