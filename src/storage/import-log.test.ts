import { expect, it } from "vitest";

import { describeEachDatabase } from "./test-databases.js";

const STARTED = 1_767_225_600; // 2026-01-01T00:00:00Z
const SHA_A = "a".repeat(64);
const SHA_B = "b".repeat(64);

describeEachDatabase("the import log", (testDatabase) => {
  it("records an import from start to finish and reads it back", async () => {
    const { store } = testDatabase;
    const importId = await store.beginImport({
      file: "/inbox/visits-2025-12.csv",
      startedAt: STARTED,
      kind: "matomo_visits",
      preset: "matomo_api",
    });

    const [running] = await store.listImports({ limit: 1 });
    expect(running).toEqual({
      id: importId,
      file: "/inbox/visits-2025-12.csv",
      source: "matomo",
      kind: "matomo_visits",
      preset: "matomo_api",
      startedAt: STARTED,
      status: "running",
      rowsRead: 0,
      rowsImported: 0,
      rowsRejected: 0,
    });

    await store.transaction(async (tx) => {
      await tx.addImportProblems(importId, [
        { line: 4, column: "visitId", value: "", message: "expected a visit id" },
        { line: 2, message: "the row has 12 cells, the header 14" },
      ]);
      await tx.addImportProblems(importId, [
        {
          line: 9,
          column: "serverTimestamp",
          value: "yesterday",
          message: "expected Unix seconds",
        },
      ]);
      await tx.finishImport(importId, {
        status: "imported",
        finishedAt: STARTED + 3,
        rowsRead: 10,
        rowsImported: 7,
        rowsRejected: 3,
        dataAsOf: 1_767_139_199,
        coverage: { from: "2025-12-01", to: "2025-12-31" },
        sha256: SHA_A,
        message: "3 rows rejected",
      });
    });

    expect(await store.findImportedFile(SHA_A)).toEqual({
      id: importId,
      file: "/inbox/visits-2025-12.csv",
      source: "matomo",
      kind: "matomo_visits",
      preset: "matomo_api",
      sha256: SHA_A,
      startedAt: STARTED,
      finishedAt: STARTED + 3,
      status: "imported",
      rowsRead: 10,
      rowsImported: 7,
      rowsRejected: 3,
      dataAsOf: 1_767_139_199,
      coverage: { from: "2025-12-01", to: "2025-12-31" },
      message: "3 rows rejected",
    });
    expect(await store.importProblems(importId)).toEqual([
      { line: 4, column: "visitId", value: "", message: "expected a visit id" },
      { line: 2, message: "the row has 12 cells, the header 14" },
      { line: 9, column: "serverTimestamp", value: "yesterday", message: "expected Unix seconds" },
    ]);
  });

  it("finds only successful imports of the same bytes, the newest first", async () => {
    const { store } = testDatabase;
    const refused = await store.beginImport({ file: "b.csv", startedAt: STARTED, sha256: SHA_B });
    await store.finishImport(refused, {
      status: "refused",
      finishedAt: STARTED,
      rowsRead: 0,
      rowsImported: 0,
      rowsRejected: 0,
      message: "missing column Record ID",
    });
    expect(await store.findImportedFile(SHA_B)).toBeUndefined();

    const again = await store.beginImport({ file: "copy.csv", startedAt: STARTED + 60 });
    await store.finishImport(again, {
      status: "imported",
      finishedAt: STARTED + 61,
      rowsRead: 10,
      rowsImported: 10,
      rowsRejected: 0,
      kind: "hubspot_companies",
      preset: "hubspot_ui",
      sha256: SHA_A,
    });
    const found = await store.findImportedFile(SHA_A);
    expect(found).toMatchObject({ id: again, file: "copy.csv", source: "hubspot" });
    expect(await store.findImportedFile("c".repeat(64))).toBeUndefined();
  });

  it("lists imports newest first, up to the limit", async () => {
    const { store } = testDatabase;
    const all = await store.listImports({ limit: 100 });
    const ids = all.map((record) => record.id);

    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all.map((record) => record.status)).toEqual(["imported", "refused", "imported"]);
    expect(await store.listImports({ limit: 2 })).toEqual(all.slice(0, 2));
  });

  it("keeps the first import that covered a day, so covering it again changes nothing", async () => {
    const { database, store } = testDatabase;
    const [first, second] = [
      await store.beginImport({ file: "week-1.csv", startedAt: STARTED }),
      await store.beginImport({ file: "week-2.csv", startedAt: STARTED }),
    ];

    await store.addCoveredDays(first, ["2025-12-01", "2025-12-02", "2025-12-02"]);
    await store.addCoveredDays(second, ["2025-12-02", "2025-12-03"]);

    const rows = await database.kysely
      .selectFrom("matomo_coverage")
      .selectAll()
      .orderBy("day")
      .execute();
    expect(rows).toEqual([
      { day: "2025-12-01", import_id: first },
      { day: "2025-12-02", import_id: first },
      { day: "2025-12-03", import_id: second },
    ]);
  });

  it("keeps thousands of problems of one import, in the order they were reported", async () => {
    const { store } = testDatabase;
    const importId = await store.beginImport({ file: "many-bad-rows.csv", startedAt: STARTED });
    const problems = Array.from({ length: 2_345 }, (_, index) => ({
      line: 2_346 - index,
      column: "Create Date",
      value: `31/02/2026 #${index}`,
      message: "expected a date YYYY-MM-DD",
    }));

    await store.addImportProblems(importId, problems);

    expect(await store.importProblems(importId)).toEqual(problems);
  });

  it("refuses to finish an import that was never begun", async () => {
    await expect(
      testDatabase.store.finishImport(999_999, {
        status: "failed",
        finishedAt: STARTED,
        rowsRead: 0,
        rowsImported: 0,
        rowsRejected: 0,
      }),
    ).rejects.toThrow("No import 999999");
  });
});
