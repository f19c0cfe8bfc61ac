import { writeFileSync } from "node:fs";

import type { CalendarDate } from "../src/domain/dates.js";
import type { SourceKind } from "../src/domain/records.js";
import { measureDuckdb } from "./measure-duckdb.js";
import { measureImport } from "./measure-import.js";
import { measureRun } from "./measure-run.js";
import { configSchema, loadRulesOrFail } from "./csops-runtime.js";

/** One measurement, run in a process of its own so that its peak RSS is its own. */
export type ChildTask =
  | { task: "import"; url: string; files: BenchFile[] }
  | { task: "run"; url: string; date: CalendarDate; segmentsFile: string; factsOnly: boolean }
  | { task: "duckdb"; files: BenchFile[]; date: CalendarDate; segmentsFile: string };

export interface BenchFile {
  name: string;
  path: string;
  kind: SourceKind;
  bytes: number;
  rows: number;
}

/** Runs the task given as JSON in argv[2] and writes its result as JSON to the file argv[3]. */
async function runChildTask(task: ChildTask): Promise<unknown> {
  switch (task.task) {
    case "import":
      return measureImport(task);
    case "run":
      return measureRun(task);
    case "duckdb": {
      const config = configSchema.parse({});
      return measureDuckdb({
        ...task,
        asOf: task.date,
        rules: loadRulesOrFail(),
        timeZone: config.time_zone,
        freeMailDomains: config.join.free_mail_domains,
      });
    }
  }
}

const [taskJson, resultFile] = process.argv.slice(2);
if (taskJson === undefined || resultFile === undefined) {
  throw new Error("usage: bench-child.ts TASK_JSON RESULT_FILE");
}
writeFileSync(resultFile, JSON.stringify(await runChildTask(JSON.parse(taskJson) as ChildTask)));
