import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import type { CalendarDate } from "../domain/dates.js";
import { CsopsError, type ErrorCode } from "../errors.js";
import { createDemoRun } from "./create-demo-run.js";
import { DEMO_FILES } from "./demo-files.js";
import { countMalformed } from "./demo-profiles.js";
import { createLoginCalendar, planLoginDays } from "./login-calendar.js";
import { openExportFile } from "./open-export-file.js";
import { planCustomer } from "./plan-customer.js";
import type { PlantedProblem } from "./planted-problem.js";
import { writeMatomoVisits } from "./write-matomo-visits.js";

/** What the visits log is made from: plain data, so a worker thread can receive it. */
export interface VisitsFileOptions {
  outDir: string;
  customers: number;
  asOf: CalendarDate;
  seed: number;
  timeZone: string;
  siteTimeZone: string;
  /** Days the log covers, ending the day before `asOf`. */
  visitDays: number;
}

export interface VisitsFileWritten {
  path: string;
  rows: number;
  bytes: number;
  visits: number;
  anonymous: number;
  planted: PlantedProblem[];
}

/**
 * Writes `matomo-visits.csv`: plans every customer's logins (the plan is the same as the other
 * files', being drawn from the same seed), then writes the visits day by day.
 */
export async function writeVisitsFile(options: VisitsFileOptions): Promise<VisitsFileWritten> {
  const run = createDemoRun(options);
  const calendar = createLoginCalendar(run.customers, options.visitDays);
  for (let index = 0; index < run.customers; index += 1) {
    planLoginDays(planCustomer(run, index), run, calendar);
  }

  const file = await openExportFile(
    join(options.outDir, DEMO_FILES.visits.name),
    DEMO_FILES.visits.format,
  );
  const written = await writeMatomoVisits(file, {
    run,
    calendar,
    timeZone: options.timeZone,
    siteTimeZone: options.siteTimeZone,
    brokenRows: countMalformed(run.customers),
    fileName: DEMO_FILES.visits.name,
  });
  const rows = file.lines - 1;

  return { path: file.path, rows, bytes: await file.close(), ...written };
}

/** The visits log being written, and a way to stop it when the other files fail. */
export interface VisitsFileTask {
  done(): Promise<VisitsFileWritten>;
  cancel(): void;
}

/**
 * Starts the visits log. It is most of the bytes, so from the compiled code it is written in
 * a worker thread while the caller writes the other files on this one; the worker draws from
 * the same seed, so the bytes are the same either way. Run from source (the tests), there is no
 * compiled worker script, and it is written when `done()` is called.
 */
export function startVisitsFile(options: VisitsFileOptions): VisitsFileTask {
  const script = new URL("./visits-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(script))) {
    return { done: () => writeVisitsFile(options), cancel: () => undefined };
  }

  const worker = new Worker(script, { workerData: options });
  const result = new Promise<VisitsFileWritten>((resolve, reject) => {
    worker.once("message", (message: VisitsWorkerMessage) => {
      if ("written" in message) resolve(message.written);
      else reject(new CsopsError(message.failure.code, message.failure.message));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      reject(new CsopsError("file_unwritable", `the visits log writer stopped (exit ${code})`));
    });
  });
  // Failing while the other files are still being written must not go unhandled.
  result.catch(() => undefined);

  return { done: () => result, cancel: () => void worker.terminate() };
}

/** What the worker posts back: what it wrote, or why it failed. */
export type VisitsWorkerMessage =
  { written: VisitsFileWritten } | { failure: { code: ErrorCode; message: string } };
