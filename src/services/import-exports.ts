import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";

import type { Config } from "../config/config-schema.js";
import type { CalendarDate } from "../domain/dates.js";
import type { SourceKind } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { openExportOrFail } from "../importers/open-export.js";
import type { OpenedExport } from "../importers/opened-export.js";
import type { Logger } from "../logger.js";
import type { Store } from "../storage/store.js";
import {
  importListings,
  recordImportAttempt,
  type ImportListing,
  type ImportOutcome,
} from "./import-listings.js";
import { listExportFilesOrFail } from "./list-export-files.js";

export type { ImportOutcome } from "./import-listings.js";

export interface ImportOptions {
  store: Store;
  config: Config;
  logger: Logger;
  /** Unix seconds now. */
  now: () => number;
  kind?: SourceKind | undefined;
  encoding?: string | undefined;
  exportedOn?: CalendarDate | undefined;
}

/**
 * Imports export files and folders, each file in one transaction: a file is imported whole or
 * not at all, and every file, refused or not, leaves a line in the import log. A file already
 * imported byte for byte is recorded as unchanged and not read again.
 */
export async function importExports(
  paths: readonly string[],
  options: ImportOptions,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const file of listExportFilesOrFail(paths)) {
    const outcome = await importExport(file, options);
    options.logger.info({ import: outcome.importId, file, status: outcome.status }, "import");
    outcomes.push(outcome);
  }

  return outcomes;
}

async function importExport(file: string, options: ImportOptions): Promise<ImportOutcome> {
  const { store, now } = options;
  const sha256 = await hashFile(file);
  const startedAt = now();
  const attempt = { file, startedAt, finishedAt: startedAt, sha256 };

  const previous = sha256 === undefined ? undefined : await store.findImportedFile(sha256);
  if (previous !== undefined) {
    const message = `the same bytes were imported before (import ${previous.id}); nothing changed`;
    return recordImportAttempt(store, {
      ...attempt,
      kind: previous.kind,
      status: "unchanged",
      message,
    });
  }

  let opened: OpenedExport;
  try {
    opened = await openExportOrFail(file, options);
  } catch (error) {
    if (!(error instanceof CsopsError)) throw error;
    const refusal = { kind: options.kind, status: "refused", message: error.message } as const;
    return recordImportAttempt(store, { ...attempt, ...refusal });
  }

  const listing: ImportListing = {
    name: file,
    kind: opened.kind,
    preset: opened.preset,
    sha256,
    rows: opened.rows,
    refuseRepeats: true,
    finish: () => {
      const summary = opened.summary();
      return { ...summary, dataAsOf: summary.dataAsOf ?? modifiedAt(file), sha256: opened.sha256 };
    },
  };
  const [outcome] = await importListings([listing], options);
  if (outcome === undefined) throw new Error(`No outcome for ${file}`);

  return outcome;
}

/** The SHA-256 of a file's bytes, streamed; undefined when it cannot be read (open says why). */
async function hashFile(file: string): Promise<string | undefined> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
    }
  } catch {
    return undefined;
  }

  return hash.digest("hex");
}

/** When nothing in the file says how current it is, its modification time does. */
function modifiedAt(file: string): number {
  return Math.floor(statSync(file).mtimeMs / 1000);
}
