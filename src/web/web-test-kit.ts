import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { Hono } from "hono";
import { pino } from "pino";
import { Temporal } from "temporal-polyfill";

import { configSchema, type Config } from "../config/config-schema.js";
import type { CalendarDate } from "../domain/dates.js";
import { createSilentLogger, type Logger } from "../logger.js";
import { loadRulesOrFail } from "../rules/load-rules.js";
import type { OutcomeWriteBack } from "../services/write-back-after-outcome.js";
import { createJoinReportCache } from "../services/create-join-report-cache.js";
import { importExports } from "../services/import-exports.js";
import { runDay } from "../services/run-day.js";
import { openStore, type Store } from "../storage/store.js";
import { FORM_TOKEN_FIELD } from "./auth/check-form-token.js";
import { createWebApp } from "./create-web-app.js";
import type { WebEnv } from "./web-env.js";

/**
 * Test support for the web app's route tests (used by the `*.test.ts` files beside it only):
 * a small business imported from a real HubSpot export in test/fixtures/web, the app over a
 * real store with a clock the test moves, and a client that keeps cookies like a browser.
 */

export const TIME_ZONE = "Europe/London";
/** Thursday: the business's exports are made that morning. */
export const DATE = "2026-12-03";
/** The seed's flow: every fact comes from one HubSpot company export. */
export const WEB_CONFIG: Config = configSchema.parse({
  time_zone: TIME_ZONE,
  sources: { preset: "hubspot_only" },
});
export const RULES = loadRulesOrFail();
export const LOGGER = createSilentLogger();
export const FIXTURES = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "test",
  "fixtures",
  "web",
);

/** `hour`:`minute` on `date` in the team's zone, in Unix seconds. */
export function at(date: CalendarDate, hour = 9, minute = 0): number {
  const zoned = Temporal.PlainDate.from(date).toZonedDateTime({
    timeZone: TIME_ZONE,
    plainTime: { hour, minute },
  });

  return Math.floor(zoned.epochMilliseconds / 1000);
}

/**
 * Imports test/fixtures/web/hubspot-only-companies.csv as exported at 07:00 on `date` and runs
 * that day at 09:00: seven agencies, among them two Revenue at Risk (one named
 * `<script>alert(1)</script>`), an Engagement Drop, an Expansion, an Onboarding Stuck, a
 * Healthy & Stable and a Data gap.
 */
export async function seedWebStore(store: Store, date: CalendarDate = DATE): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "csops-web-"));
  const file = join(folder, "hubspot-only-companies.csv");
  copyFileSync(join(FIXTURES, "hubspot-only-companies.csv"), file);
  // Nothing in a HubSpot export says when it was made: the import takes the file's time.
  utimesSync(file, at(date, 7), at(date, 7));
  await importExports([file], {
    store,
    config: WEB_CONFIG,
    logger: LOGGER,
    now: () => at(date, 7, 30),
  });
  rmSync(folder, { recursive: true, force: true });
  await runDay(date, {
    store,
    config: WEB_CONFIG,
    rules: RULES,
    logger: LOGGER,
    now: () => at(date, 9),
  });
}

/** A store in a SQLite file of its own, for suites that only read. */
export async function openSqliteStore(): Promise<{ store: Store; close: () => Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), "csops-web-store-"));
  const store = await openStore({ url: "sqlite:csops.sqlite", cwd: folder });

  return {
    store,
    close: async () => {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A logger that keeps what it is told, for tests that check what goes to the log. */
export function createRecordingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );

  return { logger, lines };
}

/** The time the app sees; tests move it. */
export interface TestClock {
  now: number;
}

export function createTestApp(
  store: Store,
  options: {
    isPublic?: boolean;
    clock?: TestClock;
    uploadsDir?: string;
    config?: Config;
    outcomeWriteBack?: OutcomeWriteBack;
    runToday?: () => Promise<unknown>;
    logger?: Logger;
  } = {},
): { app: Hono<WebEnv>; clock: TestClock } {
  const config = options.config ?? WEB_CONFIG;
  const clock = options.clock ?? { now: at(DATE, 9, 30) };
  const app = createWebApp({
    store,
    config,
    rules: RULES,
    logger: options.logger ?? LOGGER,
    now: () => clock.now,
    randomBytes: (size) => randomBytes(size),
    access: { isPublic: options.isPublic ?? false, secureCookies: options.isPublic ?? false },
    // Each upload gets a folder of its own inside, so suites can share this one.
    uploadsDir: options.uploadsDir ?? join(tmpdir(), "csops-web-test-uploads"),
    joinReports: createJoinReportCache({ store, config, rules: RULES }),
    nextRunAt: () => new Date(at("2026-12-04") * 1000),
    outcomeWriteBack: options.outcomeWriteBack,
    runToday: options.runToday,
  });

  return { app, clock };
}

/** A response with its body read. */
export interface Page {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

/**
 * A browser in miniature: keeps the cookies the app sets, sends them back, and posts forms
 * with the page's form token and the Origin header a browser would send.
 */
export function createClient(app: Hono<WebEnv>) {
  const cookies = new Map<string, string>();
  let token = "";
  const origin = "http://localhost";

  const send = async (path: string, init: RequestInit = {}): Promise<Page> => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) {
      headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    const response = await app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", ...value] = pair.split("=");
      if (/max-age=0/i.test(line) || value.join("=") === "") cookies.delete(name);
      else cookies.set(name, value.join("="));
    }
    const html = await response.text();
    const found = new RegExp(`name="${FORM_TOKEN_FIELD}" value="([^"]+)"`).exec(html);
    if (found?.[1] !== undefined) token = found[1];

    return {
      status: response.status,
      headers: response.headers,
      html,
      location: response.headers.get("location"),
    };
  };

  return {
    cookies,
    get: (path: string) => send(path),
    /** Posts a form, as a browser would from a page of the app. */
    post: (
      path: string,
      fields: Record<string, string>,
      options: { token?: string; origin?: string | null; referer?: string } = {},
    ) => {
      const body = new URLSearchParams({ [FORM_TOKEN_FIELD]: options.token ?? token, ...fields });
      const headers: Record<string, string> = {
        "content-type": "application/x-www-form-urlencoded",
      };
      if (options.origin !== null) headers.origin = options.origin ?? origin;
      if (options.referer !== undefined) headers.referer = options.referer;
      return send(path, { method: "POST", body, headers });
    },
    /** Posts a multipart form (file uploads). */
    postMultipart: (path: string, form: FormData) => {
      form.set(FORM_TOKEN_FIELD, token);
      return send(path, { method: "POST", body: form, headers: { origin } });
    },
    /** Posts bytes that claim to be a multipart form but are not one (cut short, say). */
    postBrokenMultipart: (path: string) => {
      const part = `Content-Disposition: form-data; name="${FORM_TOKEN_FIELD}"`;
      // No closing boundary: the body ends in the middle of its first part.
      const body = `--csops\r\n${part}\r\n\r\n${token}`;
      const headers = { origin, "content-type": "multipart/form-data; boundary=csops" };
      return send(path, { method: "POST", body, headers });
    },
  };
}
