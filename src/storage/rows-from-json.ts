import { sql, type RawBuilder } from "kysely";

import type { DialectName } from "./dialect-differences.js";

/**
 * A `select` of rows sent as one JSON parameter: an array of objects keyed by column name, read
 * back as the columns of `table`. A multi-row `values` list costs a bound parameter per cell,
 * which the query builder, the driver and the database each handle one by one, and a batch's
 * SQL text that changes with its length; one JSON text is parsed at once, by the database.
 *
 * PostgreSQL types the columns by the table's own row type; SQLite reads each key with `->>`,
 * which gives a JSON string as text, an integer as an integer and `null` as NULL.
 */
export function selectRowsFromJson(
  dialect: DialectName,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
): RawBuilder<unknown> {
  const json = JSON.stringify(rows);
  const selected = sql.join(columns.map((column) => sql.ref(column)));
  if (dialect === "postgres") {
    const rowType = sql`null::${sql.table(table)}`;
    return sql`select ${selected} from json_populate_recordset(${rowType}, ${json}::json)`;
  }
  const read = columns.map((column) => sql`value ->> ${sql.lit(column)} as ${sql.ref(column)}`);

  return sql`select ${sql.join(read)} from json_each(${json})`;
}

/**
 * `column` is one of `texts`, sent as one parameter. PostgreSQL gets `= any(array)`, which it
 * answers from the column's index even before the table has statistics; an `in (select …)`
 * of the same texts may be planned as a scan of the whole table.
 */
export function isOneOf(
  dialect: DialectName,
  column: string,
  texts: readonly string[],
): RawBuilder<boolean> {
  if (dialect === "postgres") return sql<boolean>`${sql.ref(column)} = any(${texts}::text[])`;

  const list = JSON.stringify(texts);
  return sql<boolean>`${sql.ref(column)} in (select value from json_each(${list}))`;
}
