import { resolve } from "node:path";

import { defineCommand } from "citty";

import { dateInZone } from "../domain/date-in-zone.js";
import { writeDemoExports } from "../demo/write-demo-exports.js";
import { createLogger, type Logger } from "../logger.js";
import { importExports } from "../services/import-exports.js";
import { runDay } from "../services/run-day.js";
import {
  CONTEXT_ARGS,
  nowInSeconds,
  withCommandContext,
  type CommandContext,
} from "./command-context.js";
import { SERVE_ARGS, parsePortOrFail, serveWebApp } from "./serve-web-app.js";

/** The demo business `npm start` loads into an empty store. */
const DEMO_CUSTOMERS = 850;
const DEMO_SEED = 1;

export default defineCommand({
  meta: {
    name: "start",
    description:
      "Serve the web app with the daily schedule; an empty store gets the 850-agency demo first",
  },
  args: {
    ...SERVE_ARGS,
    "demo-folder": {
      type: "string",
      description: "where the demo exports are written (default: ./data/demo-exports)",
    },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const port = parsePortOrFail(args.port ?? process.env.PORT ?? "3000");
    const host = args.host ?? process.env.HOST ?? "127.0.0.1";
    const demoFolder = resolve(args["demo-folder"] ?? resolve("data", "demo-exports"));

    await withCommandContext(args, async (context) => {
      const logger = createLogger(process.env, "info");
      if ((await context.store.countCompanies()) === 0) {
        await loadDemo(context, demoFolder, logger);
      }
      await serveWebApp(context, {
        port,
        host,
        logger,
        runDate: (date, trigger) =>
          runDay(date, { ...context, logger, trigger, now: nowInSeconds, env: process.env }),
      });
    });
  },
});

/**
 * A first start on an empty store shows the product working: the demo business's exports as
 * of today (team time zone) are written, imported through the same import as real files, and
 * today's run makes the morning's queue.
 */
async function loadDemo(context: CommandContext, folder: string, logger: Logger): Promise<void> {
  const { config } = context;
  const today = dateInZone(nowInSeconds(), config.time_zone);
  const say = (line: string) => process.stdout.write(`${line}\n`);

  say(`The store is empty: loading the ${DEMO_CUSTOMERS}-agency demo business as of ${today}.`);
  await writeDemoExports({
    outDir: folder,
    customers: DEMO_CUSTOMERS,
    asOf: today,
    seed: DEMO_SEED,
    timeZone: config.time_zone,
    siteTimeZone: config.matomo.site_time_zone,
  });
  const outcomes = await importExports([folder], { ...context, now: nowInSeconds });
  const rows = outcomes.reduce((sum, outcome) => sum + outcome.rowsImported, 0);
  const rejected = outcomes.reduce((sum, outcome) => sum + outcome.rowsRejected, 0);
  say(
    `Imported ${outcomes.length} export files from ${folder}: ${rows} rows, ${rejected} rejected.`,
  );

  // No `env`: the demo's first run calls no API, so a token in the shell cannot mix a real
  // business's data into the invented one. The scheduled runs after it do sync.
  const summary = await runDay(today, { ...context, logger, trigger: "cli", now: nowInSeconds });
  say(`Ran ${today}: ${summary.customers} customers evaluated, ${summary.tasks.open} open tasks.`);
}
