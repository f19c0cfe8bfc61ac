import { defineCommand } from "citty";

import { runDay } from "../services/run-day.js";
import { resolveDateOrFail } from "./as-of-arg.js";
import { CONTEXT_ARGS, nowInSeconds, withCommandContext } from "./command-context.js";
import { formatRunExtras } from "./format-run-extras.js";
import { formatRunSummary } from "./format-run-summary.js";

export default defineCommand({
  meta: {
    name: "run",
    description:
      "The daily run: evaluate every customer on the newest data and update the task list",
  },
  args: {
    date: { type: "string", description: "run date, YYYY-MM-DD (default: today, team zone)" },
    json: { type: "boolean", description: "print the run's summary as JSON", default: false },
    sync: {
      type: "boolean",
      description: "sync the sources whose API token is set before evaluating",
      negativeDescription: "evaluate the data already in the store, without syncing first",
      default: true,
    },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    await withCommandContext(args, async (context) => {
      const date = resolveDateOrFail(args.date, context.config.time_zone, "--date");
      const summary = await runDay(date, {
        ...context,
        now: nowInSeconds,
        trigger: "cli",
        env: process.env,
        sync: args.sync,
      });

      process.stdout.write(
        // The service's summary as it is: the shape the web app will serve.
        args.json
          ? `${JSON.stringify(summary, null, 2)}\n`
          : formatRunSummary(summary, context.rules) + formatRunExtras(summary),
      );
    });
  },
});
