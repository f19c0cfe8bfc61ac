import { defineCommand } from "citty";

import { isCalendarDate } from "../domain/dates.js";
import { decideSegment } from "../domain/decide-segment.js";
import { CsopsError, formatProblem } from "../errors.js";
import { readFactsFileOrFail } from "../facts-file/read-facts-file.js";
import { loadRulesOrFail } from "../rules/load-rules.js";
import { toDecisionJson } from "./decision-json.js";
import { EXIT_CODES } from "./exit-codes.js";
import { formatDecisionsTable } from "./format-decisions.js";

export default defineCommand({
  meta: {
    name: "evaluate",
    description: "Decide each customer's segment from a facts file (CSV or JSON)",
  },
  args: {
    facts: {
      type: "string",
      description: "facts file, CSV or JSON",
      required: true,
    },
    "as-of": {
      type: "string",
      description: "evaluation date, YYYY-MM-DD",
      required: true,
    },
    rules: {
      type: "string",
      description: "rules file (default: the shipped rules)",
    },
    json: {
      type: "boolean",
      description: "print a JSON array of decisions",
      default: false,
    },
    verbose: {
      type: "boolean",
      description: "show stack traces on errors",
      default: false,
    },
  },
  run({ args }) {
    const asOf = args["as-of"];
    if (!isCalendarDate(asOf)) {
      throw new CsopsError("usage", `--as-of "${asOf}" is not a date; expected YYYY-MM-DD`);
    }

    const rules = loadRulesOrFail(args.rules);
    const { customers, problems } = readFactsFileOrFail(args.facts);
    const decisions = customers.map((facts) => decideSegment(facts, asOf, rules));

    process.stdout.write(
      args.json
        ? `${JSON.stringify(decisions.map(toDecisionJson), null, 2)}\n`
        : `${formatDecisionsTable(decisions, rules, asOf)}\n`,
    );
    if (problems.length > 0) {
      const rows = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
      process.stderr.write(`${args.facts}: ${rows}; those rows were not evaluated:\n`);
      for (const problem of problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
      process.exitCode = EXIT_CODES.rows_rejected;
    }
  },
});
