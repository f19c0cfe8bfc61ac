import { serve } from "@hono/node-server";
import { defineCommand } from "citty";

import { CsopsError } from "../errors.js";
import { createLogger } from "../logger.js";
import { systemClock } from "../scheduler/clock.js";
import { startDailyScheduler } from "../scheduler/daily-scheduler.js";
import { runDay } from "../services/run-day.js";
import { CONTEXT_ARGS, nowInSeconds, withCommandContext } from "./command-context.js";
import { createHealthApp } from "./health-app.js";

export default defineCommand({
  meta: {
    name: "serve",
    description:
      "Run the daily run on schedule (09:00 team time by default) and answer GET /health",
  },
  args: {
    port: { type: "string", description: "HTTP port (default: $PORT, else 3000)" },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const port = parsePortOrFail(args.port ?? process.env.PORT ?? "3000");

    await withCommandContext(args, async ({ store, config, rules }) => {
      const logger = createLogger(process.env, "info");
      const scheduler = await startDailyScheduler({
        cron: config.schedule.cron,
        timeZone: config.time_zone,
        clock: systemClock,
        logger,
        runDate: (date, trigger) =>
          runDay(date, { store, config, rules, logger, trigger, now: nowInSeconds }),
        hasRunFor: (date) => store.hasCompletedRun(date),
      });
      const app = createHealthApp({ store, nextRunAt: () => scheduler.nextRunAt() });

      const server = serve({ fetch: app.fetch, port });
      await new Promise<void>((resolve, reject) => {
        server.once("listening", resolve);
        server.once("error", (error) => {
          void scheduler.stop();
          reject(
            new CsopsError("config_invalid", `cannot listen on port ${port}: ${error.message}`),
          );
        });
      });
      logger.info({ port, next: scheduler.nextRunAt()?.toISOString() }, "csops serve listening");

      const signal = await waitForStopSignal();
      logger.info({ signal }, "stopping: waiting for a run in progress to finish");
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler.stop();
      logger.info("stopped");
    });
  },
});

function parsePortOrFail(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port < 1 || port > 65_535) {
    throw new CsopsError("usage", `port "${text}" is not a port number (1 to 65535)`);
  }

  return port;
}

/** Resolves with the first of SIGINT (Ctrl-C) and SIGTERM (a service manager stopping it). */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
