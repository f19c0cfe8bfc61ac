import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Temporal } from "temporal-polyfill";

import type { Config } from "../src/config/config-schema.js";
import type { CalendarDate } from "../src/domain/dates.js";
import type { Rules } from "../src/domain/rules.js";
import type { Logger } from "../src/logger.js";
import type { Store } from "../src/storage/store.js";
import { createJoinReportCache, createWebApp } from "./csops-runtime.js";

/** One page's answer times, in milliseconds. */
export interface PageTimes {
  path: string;
  /** The first request: the dashboard's join report is computed then, and cached. */
  firstMs: number;
  medianMs: number;
}

export interface WebMeasurement {
  requests: number;
  pages: PageTimes[];
}

const REQUESTS = 20;

/**
 * Asks the web app for the queue, the first task of the queue and the dashboard, in process
 * as the route tests do (no socket), on localhost before any user exists, so no sign-in.
 */
export async function measureWeb(options: {
  store: Store;
  config: Config;
  rules: Rules;
  logger: Logger;
  date: CalendarDate;
}): Promise<WebMeasurement> {
  const { store, config, rules, logger, date } = options;
  const morning = Temporal.PlainDate.from(date).toZonedDateTime({
    timeZone: config.time_zone,
    plainTime: { hour: 9, minute: 30 },
  });
  const app = createWebApp({
    store,
    config,
    rules,
    logger,
    now: () => Math.floor(morning.epochMilliseconds / 1000),
    randomBytes: (size) => randomBytes(size),
    access: { isPublic: false, secureCookies: false },
    uploadsDir: join(tmpdir(), "csops-bench-uploads"),
    joinReports: createJoinReportCache({ store, config, rules }),
    nextRunAt: () => undefined,
  });
  const [task] = await store.listOpenTasks();
  const paths = ["/", ...(task === undefined ? [] : [`/tasks/${task.id}`]), "/dashboard"];

  const pages: PageTimes[] = [];
  for (const path of paths) {
    const times: number[] = [];
    for (let request = 0; request < REQUESTS; request += 1) {
      const started = performance.now();
      const response = await app.request(path);
      await response.text();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      times.push(performance.now() - started);
    }
    pages.push({ path, firstMs: times[0] ?? 0, medianMs: medianOf(times) });
  }

  return { requests: REQUESTS, pages };
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
