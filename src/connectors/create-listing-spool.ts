import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

import type { SourceKind } from "../domain/records.js";
import type {
  ExportRecord,
  ExportRow,
  ExportSummary,
  RowProblem,
} from "../importers/opened-export.js";

/** What a listing is: its name in the import log, its kind and how it was read. */
export interface ListingMeta {
  /** `api:hubspot/companies`: the import log's file column. */
  name: string;
  kind: SourceKind;
  /** `hubspot_api`, `stripe_api@2025-03-31.basil`: the import log's preset column. */
  preset: string;
}

/** One API listing a connector fetched to the end, ready to be written through the import path. */
export interface FetchedListing extends ListingMeta {
  summary: ExportSummary;
  /** The rows, read back from disk in the order they were fetched; may be read once. */
  rows(): AsyncIterable<ExportRow>;
}

/** One object of a listing read: its records, or every problem that rejects it. */
export type ReadObject = { records: readonly ExportRecord[] } | { problems: RowProblem[] };

export interface ListingWriter {
  /**
   * Keeps the next object of the listing as one line (numbered from 1, as the import log shows
   * it); resolves when the next may come, so the disk keeps up with the network.
   */
  add(read: ReadObject): Promise<void>;
  /** Ends the listing; its rows read are the objects added. */
  finish(summary: Omit<ExportSummary, "rowsRead">): Promise<FetchedListing>;
}

/**
 * Where a sync keeps what it fetched until everything has arrived. Rows go to disk, not memory,
 * so a full HubSpot or a month of Matomo visits at scale stays small; and the database is
 * written only once the fetch is complete, in one short transaction, rather than holding a
 * transaction open across minutes of network calls (SQLite has one writer at a time).
 */
export interface ListingSpool {
  start(meta: ListingMeta): ListingWriter;
  /** Deletes every spooled row. */
  remove(): Promise<void>;
}

export async function createListingSpool(): Promise<ListingSpool> {
  const folder = await mkdtemp(join(tmpdir(), "csops-sync-"));
  let count = 0;

  return {
    start(meta) {
      count += 1;
      return startListing(join(folder, `${count}.ndjson`), meta);
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

function startListing(path: string, meta: ListingMeta): ListingWriter {
  const stream = createWriteStream(path, { encoding: "utf8" });
  let failure: Error | undefined;
  stream.on("error", (error) => (failure = error));
  let line = 0;
  const write = async (row: ExportRow) => {
    if (failure) throw failure;
    if (!stream.write(`${JSON.stringify(row)}\n`)) await drained(stream);
  };

  return {
    async add(read) {
      line += 1;
      if ("problems" in read) return write({ line, problems: read.problems });
      for (const record of read.records) await write({ line, ...record });
    },
    async finish(summary) {
      if (failure) throw failure;
      stream.end();
      await once(stream, "finish");

      return { ...meta, summary: { ...summary, rowsRead: line }, rows: () => readRows(path) };
    },
  };
}

function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off("error", onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off("drain", onDrain);
      reject(error);
    };
    stream.once("drain", onDrain);
    stream.once("error", onError);
  });
}

async function* readRows(path: string): AsyncIterable<ExportRow> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }) });
  for await (const line of lines) {
    if (line !== "") yield JSON.parse(line) as ExportRow;
  }
}
