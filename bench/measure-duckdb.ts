import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

import type { CalendarDate } from "../src/domain/dates.js";
import type { SourceKind } from "../src/domain/records.js";
import type { Rules } from "../src/domain/rules.js";
import { compileRulesToSql } from "./compile-rules-to-sql.js";
import { duckdbFactsSql } from "./duckdb-facts-sql.js";
import { duckdbLoadSql } from "./duckdb-load-sql.js";
import type { FileImport } from "./measure-import.js";
import { peakRssMegabytes } from "./peak-rss-megabytes.js";

export interface DuckdbMeasurement {
  files: FileImport[];
  loadSeconds: number;
  factsSeconds: number;
  evaluationSeconds: number;
  customers: number;
  peakRssMb: number;
}

/**
 * The peer: DuckDB (in memory, all cores) loads the same export files, builds the facts and
 * decides the segments in SQL compiled from the rules, and writes them to `segmentsFile` as
 * `customer_id<TAB>segment` lines for the comparison.
 */
export async function measureDuckdb(options: {
  files: readonly { name: string; path: string; kind: SourceKind; bytes: number; rows: number }[];
  asOf: CalendarDate;
  rules: Rules;
  timeZone: string;
  freeMailDomains: readonly string[];
  segmentsFile: string;
}): Promise<DuckdbMeasurement> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();

  try {
    const files: FileImport[] = [];
    for (const file of options.files) {
      const actionSlots =
        file.kind === "matomo_visits" ? await countActionSlots(connection, file.path) : 0;
      const statements = duckdbLoadSql({ ...file, timeZone: options.timeZone, actionSlots });
      const seconds = await timeStatements(connection, statements);
      files.push({ ...file, seconds, peakRssMb: peakRssMegabytes() });
    }

    const factsSeconds = await timeStatements(connection, duckdbFactsSql(options));
    const evaluationSeconds = await timeStatements(connection, [
      `CREATE TABLE segments AS SELECT customer_id, ${compileRulesToSql(options.rules)}
        AS segment FROM facts`,
    ]);
    const counted = await connection.runAndReadAll("SELECT count(*) AS customers FROM segments");
    const path = options.segmentsFile.replaceAll("'", "''");
    await connection.run(
      `COPY (SELECT customer_id, segment FROM segments ORDER BY customer_id)
        TO '${path}' (FORMAT csv, HEADER false, DELIMITER '\t', QUOTE '')`,
    );

    return {
      files,
      loadSeconds: files.reduce((sum, file) => sum + file.seconds, 0),
      factsSeconds,
      evaluationSeconds,
      customers: Number(counted.getRowObjects()[0]?.customers ?? 0),
      peakRssMb: peakRssMegabytes(),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function timeStatements(
  connection: DuckDBConnection,
  statements: readonly string[],
): Promise<number> {
  const started = performance.now();
  for (const statement of statements) await connection.run(statement);

  return (performance.now() - started) / 1000;
}

/** How many `actionDetails_N_…` groups the visits log's header has. */
async function countActionSlots(connection: DuckDBConnection, path: string): Promise<number> {
  const described = await connection.runAndReadAll(
    `DESCRIBE SELECT * FROM read_csv('${path.replaceAll("'", "''")}', header = true,
      all_varchar = true, encoding = 'utf-16')`,
  );
  const slots = described
    .getRowObjects()
    .flatMap((row) => /^actionDetails_(\d+)_type$/.exec(String(row.column_name))?.[1] ?? [])
    .map(Number);

  return slots.length === 0 ? 0 : Math.max(...slots) + 1;
}
