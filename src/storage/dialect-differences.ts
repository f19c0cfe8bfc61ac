import pg from "pg";

/**
 * Where SQLite and PostgreSQL differ, in one place. Everything else in src/storage is written
 * once with Kysely's builder and runs unchanged on both.
 */
export type DialectName = "sqlite" | "postgres";

/**
 * Bound parameters one statement may carry. better-sqlite3 12 compiles SQLite with
 * SQLITE_MAX_VARIABLE_NUMBER=32766; PostgreSQL's wire protocol counts parameters in 16 bits.
 */
const MAX_PARAMETERS: Record<DialectName, number> = { sqlite: 32_766, postgres: 65_535 };

/** Beyond this, bigger statements stop paying for themselves and only hold locks longer. */
const MAX_ROWS_PER_STATEMENT = 1_000;

/** How many rows of `columnCount` columns one multi-row INSERT may carry. */
export function rowsPerStatement(dialect: DialectName, columnCount: number): number {
  const byParameters = Math.floor(MAX_PARAMETERS[dialect] / Math.max(1, columnCount));

  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, byParameters));
}

/**
 * A `count(*)` or `sum(...)` as a number. pg types them `bigint` and `numeric`, which it returns
 * as strings to avoid losing precision (the int8 parser below covers `count`, not `numeric`);
 * better-sqlite3 returns numbers. Counts here stay far below 2^53.
 */
export function readCount(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;

  return Number(value);
}

/**
 * pg's type parsers for our pool: `int8` (bigint, our instants, money and counts) as a JS
 * number instead of pg's default string, so a row reads the same as from SQLite. Set per pool,
 * not globally, so other pg users in the process keep pg's defaults.
 */
export const POSTGRES_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * The column type of a generated integer key: SQLite's `integer primary key` is the row id and
 * numbers itself; PostgreSQL needs `bigserial` (its `integer primary key` does not).
 */
export function generatedIdType(dialect: DialectName): "integer" | "bigserial" {
  return dialect === "postgres" ? "bigserial" : "integer";
}
