import { peakRssMegabytes } from "./peak-rss-megabytes.js";
import { configSchema, createSilentLogger, importExports, openStore } from "./csops-runtime.js";

/** One export file as the import read it. */
export interface FileImport {
  name: string;
  kind: string;
  rows: number;
  bytes: number;
  seconds: number;
  /** Peak RSS of the process once this file was in: flat when import streams. */
  peakRssMb: number;
}

export interface ImportMeasurement {
  files: FileImport[];
  seconds: number;
  peakRssMb: number;
}

/**
 * Imports the export files one by one into the empty database at `url`, as `csops import` does,
 * timing each file. Run it in a process of its own: the peak RSS is the import's alone.
 */
export async function measureImport(options: {
  url: string;
  files: readonly { name: string; path: string; bytes: number }[];
}): Promise<ImportMeasurement> {
  const store = await openStore({ url: options.url, cwd: process.cwd() });
  const config = configSchema.parse({});
  const logger = createSilentLogger();
  const files: FileImport[] = [];

  try {
    for (const file of options.files) {
      const started = performance.now();
      const [outcome] = await importExports([file.path], {
        store,
        config,
        logger,
        now: () => Math.floor(Date.now() / 1000),
      });
      if (outcome?.status !== "imported") {
        throw new Error(`${file.name} was not imported: ${outcome?.message ?? "no outcome"}`);
      }
      files.push({
        name: file.name,
        kind: outcome.kind ?? "",
        rows: outcome.rowsRead,
        bytes: file.bytes,
        seconds: (performance.now() - started) / 1000,
        peakRssMb: peakRssMegabytes(),
      });
    }
  } finally {
    await store.close();
  }

  const seconds = files.reduce((sum, file) => sum + file.seconds, 0);

  return { files, seconds, peakRssMb: peakRssMegabytes() };
}
