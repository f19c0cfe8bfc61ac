import { defineCommand } from "citty";
import Table from "cli-table3";

import type { SourceStatus } from "../domain/source-status.js";
import { toFactCells, writeFactsCsv, writeFactsJson } from "../facts-file/write-facts.js";
import { FACT_COLUMNS } from "../facts-file/parse-fact-value.js";
import { buildCustomerFacts } from "../services/build-customer-facts.js";
import { resolveDateOrFail } from "./as-of-arg.js";
import { CONTEXT_ARGS, withCommandContext } from "./command-context.js";

export default defineCommand({
  meta: {
    name: "facts",
    description: "Build every customer's facts from the store, in the columns csops evaluate reads",
  },
  args: {
    "as-of": { type: "string", description: "evaluation date, YYYY-MM-DD (default: today)" },
    csv: { type: "boolean", description: "print CSV", default: false },
    json: { type: "boolean", description: "print a JSON array", default: false },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const { build, asOf } = await withCommandContext(args, async ({ store, config, rules }) => {
      const asOf = resolveDateOrFail(args["as-of"], config.time_zone, "--as-of");
      return { asOf, ...(await buildCustomerFacts(store, config, rules, asOf)) };
    });
    const facts = build.customers.map((row) => row.facts);

    if (args.csv) process.stdout.write(writeFactsCsv(facts));
    else if (args.json) process.stdout.write(writeFactsJson(facts));
    else process.stdout.write(`${formatFactsTable(facts.map(toFactCells), asOf)}\n`);

    // The data's age goes to stderr, so `csops facts --csv > f.csv` keeps a clean file.
    for (const line of describeSources(build.sources)) process.stderr.write(`${line}\n`);
  },
});

function formatFactsTable(rows: ReturnType<typeof toFactCells>[], asOf: string): string {
  const table = new Table({
    head: [...FACT_COLUMNS],
    style: { head: [], border: [], compact: true },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const row of rows) {
    table.push(FACT_COLUMNS.map((column) => (row[column] === null ? "?" : String(row[column]))));
  }

  return `Facts of ${rows.length} customers as of ${asOf} (? = unknown)\n${table.toString()}`;
}

/** One line per source: fresh, stale or missing, with what that means for the facts. */
export function describeSources(sources: readonly SourceStatus[]): string[] {
  return sources.map((status) => `${status.state === "fresh" ? "ok  " : "WARN"} ${status.message}`);
}
