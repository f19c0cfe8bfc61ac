import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { serve } from "@hono/node-server";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { Temporal } from "temporal-polyfill";

import { configSchema } from "../../src/config/config-schema.js";
import type { CalendarDate } from "../../src/domain/dates.js";
import { writeDemoExports } from "../../src/demo/write-demo-exports.js";
import { createSilentLogger } from "../../src/logger.js";
import { loadRulesOrFail } from "../../src/rules/load-rules.js";
import { createJoinReportCache } from "../../src/services/create-join-report-cache.js";
import { importExports } from "../../src/services/import-exports.js";
import { runDay } from "../../src/services/run-day.js";
import { openStore, type Store } from "../../src/storage/store.js";
import { createWebApp } from "../../src/web/create-web-app.js";

/**
 * The browser tests' kit: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), and the real server started in this process on a free port, over a SQLite store
 * holding the demo business, with a clock the test moves.
 */

export const CHROMIUM = "/usr/bin/chromium";
export const TIME_ZONE = "Europe/London";
export const CONFIG = configSchema.parse({ time_zone: TIME_ZONE });
export const RULES = loadRulesOrFail();
const LOGGER = createSilentLogger();
const HERE = dirname(fileURLToPath(import.meta.url));
/** The README shows what the browser tests photograph here. */
export const SCREENSHOTS = resolve(HERE, "..", "..", "docs", "screenshots");
export const FIXTURES = resolve(HERE, "..", "fixtures", "web");

/** `hour`:`minute` on `date` in the team's zone, Unix seconds. */
export function at(date: CalendarDate, hour = 9, minute = 0): number {
  const zoned = Temporal.PlainDate.from(date).toZonedDateTime({
    timeZone: TIME_ZONE,
    plainTime: { hour, minute },
  });
  return Math.floor(zoned.epochMilliseconds / 1000);
}

/**
 * A fresh Chromium profile with a laptop's window. The suite fails, not skips, without
 * Chromium: CI installs it, so its absence is a broken machine to fix.
 */
export async function launchChromiumOrFail(): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}: install it with ` +
        "`apt-get install -y chromium` (.ci/run does).",
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "csops-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });

  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  url: string;
  store: Store;
  /** What the app takes as now; move it to walk through days. */
  clock: { now: number };
  /** The daily run for `date`, started at 09:00 that day. */
  runOn(date: CalendarDate): Promise<void>;
  close(): Promise<void>;
}

/**
 * The demo business (`customers` agencies, seed 1) exported on the morning of `date`, imported
 * and run that day, served by the real web app. `isPublic` binds to 0.0.0.0, where sign-in is
 * required; otherwise 127.0.0.1, the localhost demo.
 */
export async function startTestServer(options: {
  date: CalendarDate;
  customers: number;
  isPublic: boolean;
}): Promise<TestServer> {
  const { date } = options;
  const folder = mkdtempSync(join(tmpdir(), "csops-e2e-"));
  const store = await openStore({ url: "sqlite:csops.sqlite", cwd: folder });
  await writeDemoExports({
    outDir: join(folder, "demo"),
    customers: options.customers,
    asOf: date,
    seed: 1,
    timeZone: TIME_ZONE,
  });
  await importExports([join(folder, "demo")], {
    store,
    config: CONFIG,
    logger: LOGGER,
    now: () => at(date, 8),
  });
  const runOn = async (day: CalendarDate) => {
    await runDay(day, {
      store,
      config: CONFIG,
      rules: RULES,
      logger: LOGGER,
      now: () => at(day, 9),
    });
  };
  await runOn(date);

  const clock = { now: at(date, 9, 30) };
  const uploadsDir = join(folder, "uploads");
  mkdirSync(uploadsDir);
  const app = createWebApp({
    store,
    config: CONFIG,
    rules: RULES,
    logger: LOGGER,
    now: () => clock.now,
    randomBytes: (size) => randomBytes(size),
    access: { isPublic: options.isPublic, secureCookies: options.isPublic },
    uploadsDir,
    joinReports: createJoinReportCache({ store, config: CONFIG, rules: RULES }),
    nextRunAt: () => undefined,
  });
  const server = serve({
    fetch: app.fetch,
    port: 0,
    hostname: options.isPublic ? "0.0.0.0" : "127.0.0.1",
  });
  await new Promise<void>((ready) => server.once("listening", ready));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    store,
    clock,
    runOn,
    close: async () => {
      await new Promise<void>((closed) => server.close(() => closed()));
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Saves what the page shows for the README, and checks it fits a laptop screen's width. */
export async function photograph(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - window.innerWidth",
  );
  if (overflow > 0)
    throw new Error(`${name}: the page scrolls sideways by ${overflow} px at 1280 px`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: options.fullPage ?? false,
  });
}
