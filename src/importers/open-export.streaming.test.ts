import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import { openExportOrFail } from "./open-export.js";

const ROWS = 200_000;
const ACTIONS = 3;

// A garbage collection on demand, so that what is measured is what is kept, not litter.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** The JavaScript heap and the typed arrays' memory outside it. */
function usedMemory(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();

  return heapUsed + arrayBuffers;
}

let folder = "";
let file = "";

/** A visits log as Matomo writes it, one identified visit with a few events per row. */
async function writeVisitsLog(path: string): Promise<void> {
  const out = createWriteStream(path);
  const actionColumns = Array.from({ length: ACTIONS }, (_, i) =>
    ["type", "eventCategory", "eventAction", "eventName", "timestamp"].map(
      (f) => `actionDetails_${i}_${f}`,
    ),
  ).flat();
  out.write(
    `idSite,idVisit,visitorId,userId,serverTimestamp,firstActionTimestamp,actions,${actionColumns.join(",")}\n`,
  );
  const start = 1793491200; // 2026-11-01 00:00 UTC
  let chunk = "";
  for (let i = 0; i < ROWS; i++) {
    const at = start + Math.floor((i * 30 * 86_400) / ROWS);
    const actions = Array.from(
      { length: ACTIONS },
      (_, k) => `event,Feature,feature_${(i + k) % 8},,${at + k}`,
    );
    chunk += `1,${i + 1},${(i % 997).toString(16).padStart(16, "0")},user${i % 5000}@agency${i % 850}.co.uk,${at},${at},${ACTIONS},${actions.join(",")}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end(chunk, () => resolve()).once("error", reject),
  );
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "csops-stream-"));
  file = join(folder, "visits.csv");
  await writeVisitsLog(file);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("reading a large visits log", () => {
  it("streams 200,000 rows without holding the file in memory", async () => {
    const { size } = await stat(file);
    const opened = await openExportOrFail(file, { config: configSchema.parse({}) });
    collectGarbage();
    const before = usedMemory();
    let peak = before;
    let records = 0;
    let events = 0;

    for await (const row of opened.rows) {
      if (!("record" in row) || row.kind !== "matomo_visits") {
        throw new Error(`line ${row.line} was rejected`);
      }
      records++;
      events += row.record.events.length;
      if (records % 25_000 === 0) {
        collectGarbage();
        peak = Math.max(peak, usedMemory());
      }
    }

    expect(records).toBe(ROWS);
    expect(events).toBe(ROWS * ACTIONS);
    expect(opened.summary()).toMatchObject({
      rowsRead: ROWS,
      coverage: { from: "2026-11-01", to: "2026-11-30" },
    });
    // What stays is the visit ids kept to find repeats, 8 bytes a slot: 4 MB here, and freed
    // typed arrays are counted until V8 gets round to releasing them.
    expect(size).toBeGreaterThan(30_000_000);
    expect(peak - before, "memory grew by more than a quarter of the file").toBeLessThan(size / 4);
  }, 30_000);
});
