import { randomBytes } from "node:crypto";
import { resolve } from "node:path";

import { serve } from "@hono/node-server";

import { dateInZone } from "../domain/date-in-zone.js";
import type { CalendarDate } from "../domain/dates.js";
import { CsopsError } from "../errors.js";
import type { Logger } from "../logger.js";
import { systemClock } from "../scheduler/clock.js";
import { startDailyScheduler } from "../scheduler/daily-scheduler.js";
import { createJoinReportCache } from "../services/create-join-report-cache.js";
import { createOutcomeWriteBack } from "../services/write-back-after-outcome.js";
import type { RunTrigger } from "../storage/run-log.js";
import { isLoopbackHost } from "../web/auth/is-loopback-host.js";
import { createWebApp } from "../web/create-web-app.js";
import type { CommandContext } from "./command-context.js";
import { nowInSeconds } from "./command-context.js";

/** `--port` and `--host`, shared by `serve` and `start`. */
export const SERVE_ARGS = {
  port: { type: "string", description: "HTTP port (default: $PORT, else 3000)" },
  host: {
    type: "string",
    description:
      "address to listen on (default: $HOST, else 127.0.0.1); anything but localhost " +
      "requires signing in",
  },
} as const;

export interface ServeOptions {
  port: number;
  host: string;
  /** The daily run for a date, as the scheduler starts it. */
  runDate: (date: CalendarDate, trigger: RunTrigger) => Promise<unknown>;
  logger: Logger;
}

/**
 * Serves the web app (with GET /health) and runs the daily schedule until SIGINT or SIGTERM,
 * then waits for a run in progress and stops. Prints the address once listening.
 */
export async function serveWebApp(context: CommandContext, options: ServeOptions): Promise<void> {
  const { store, config, rules } = context;
  const { logger } = options;
  const scheduler = await startDailyScheduler({
    cron: config.schedule.cron,
    timeZone: config.time_zone,
    clock: systemClock,
    logger,
    runDate: options.runDate,
    hasRunFor: (date) => store.hasCompletedRun(date),
  });
  const isPublic = !isLoopbackHost(options.host);
  const joinReports = createJoinReportCache({ store, config, rules });
  const outcomeWriteBack = createOutcomeWriteBack({
    ...context,
    logger,
    env: process.env,
    now: nowInSeconds,
    today: () => dateInZone(nowInSeconds(), config.time_zone),
  });
  const app = createWebApp({
    store,
    config,
    rules,
    logger,
    now: nowInSeconds,
    randomBytes: (size) => randomBytes(size),
    access: { isPublic, secureCookies: isPublic },
    uploadsDir: resolve(process.cwd(), "data", "uploads"),
    joinReports,
    nextRunAt: () => scheduler.nextRunAt(),
    outcomeWriteBack,
    runToday: () => options.runDate(dateInZone(nowInSeconds(), config.time_zone), "web"),
  });

  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolveListening, reject) => {
    server.once("listening", resolveListening);
    server.once("error", (error) => {
      void scheduler.stop();
      reject(
        new CsopsError(
          "config_invalid",
          `cannot listen on ${options.host}:${options.port}: ${error.message}`,
        ),
      );
    });
  });
  // The dashboard's join report costs a full join: have it ready for the first visit.
  void joinReports.get(dateInZone(nowInSeconds(), config.time_zone)).catch(() => undefined);

  const shown = isPublic ? options.host : "localhost";
  const access = isPublic
    ? "sign-in required"
    : (await store.countUsers()) === 0
      ? "demo mode: no sign-in on localhost until `csops user add` creates a user"
      : "sign-in required";
  process.stdout.write(`csops is serving http://${shown}:${options.port}/ (${access})\n`);
  logger.info({ host: options.host, port: options.port, next: scheduler.nextRunAt() }, "serving");

  const signal = await waitForStopSignal();
  logger.info({ signal }, "stopping: waiting for a run in progress to finish");
  await new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
  await scheduler.stop();
  await outcomeWriteBack?.settled();
  logger.info("stopped");
}

/** `--port`, else PORT, else 3000. */
export function parsePortOrFail(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port < 1 || port > 65_535) {
    throw new CsopsError("usage", `port "${text}" is not a port number (1 to 65535)`);
  }

  return port;
}

/** Resolves with the first of SIGINT (Ctrl-C) and SIGTERM (a service manager stopping it). */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolveSignal(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
