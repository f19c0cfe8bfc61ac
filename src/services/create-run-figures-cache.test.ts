import { beforeAll, describe, expect, it } from "vitest";

import { addDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import type { Store } from "../storage/store.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import { countDataGaps } from "./count-data-gaps.js";
import { countMovements } from "./count-movements.js";
import { createRunFiguresCache, type RunFigures } from "./create-run-figures-cache.js";
import { logOn, makeCustomer, runOn, seedDay } from "./daily-test-kit.js";

// Monday 2 November 2026 is the baseline; Tuesday the latest run.
const BASELINE = "2026-11-02";
const LATEST = addDays(BASELINE, 1);

const ALDER = makeCustomer({
  companyId: "1",
  name: "Alder Homes",
  domain: "alder.example",
  contractEndDate: addDays(BASELINE, 40),
});
const BIRCH = makeCustomer({
  companyId: "2",
  name: "Birch Lettings",
  domain: "birch.example",
  contractEndDate: addDays(BASELINE, 20),
});
/** No Stripe customer and no plan: its payment and plan facts are unknown, a data gap. */
const CEDAR = makeCustomer({
  companyId: "3",
  name: "Cedar Estates",
  domain: "cedar.example",
  paymentFailed: undefined,
  plan: undefined,
});
const ELM = makeCustomer({
  companyId: "4",
  name: "Elm Agents",
  domain: "elm.example",
  accountStartDate: addDays(BASELINE, -10),
  features: ["listing_created"],
});

/** The store with its reads of decisions recorded, and a way to make the next read fail. */
function watchDecisionReads(store: Store) {
  const reads: CalendarDate[] = [];
  let failNext = false;
  const watched: Store = {
    ...store,
    listSegmentsOn: (date) => {
      reads.push(date);
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error("connection lost"));
      }
      return store.listSegmentsOn(date);
    },
  };

  return { store: watched, reads, failNextRead: () => (failNext = true) };
}

/** The figures counted straight from the store, as the dashboard would without a cache. */
async function countDirectly(
  store: Store,
  latest: CalendarDate | undefined,
  baseline: CalendarDate | undefined,
): Promise<RunFigures> {
  return {
    movements: await countMovements(store, latest, baseline),
    gaps: countDataGaps(latest === undefined ? [] : await store.listSegmentsOn(latest)),
  };
}

describe("createRunFiguresCache", () => {
  describeEachDatabase("the dashboard's movements and data gaps", (database) => {
    beforeAll(async () => {
      const { store } = database;
      await seedDay(store, BASELINE, [ALDER, BIRCH, CEDAR, ELM]);
      await runOn(store, BASELINE);
      // Tuesday: Alder's card fails, so it moves segment.
      await seedDay(store, LATEST, [{ ...ALDER, paymentFailed: true }, BIRCH, CEDAR, ELM]);
      await runOn(store, LATEST);
    });

    it("counts what countMovements and countDataGaps count, reading each date once", async () => {
      const watched = watchDecisionReads(database.store);
      const cache = createRunFiguresCache(watched.store);

      const figures = await cache.get(LATEST, BASELINE);

      expect(figures).toEqual(await countDirectly(database.store, LATEST, BASELINE));
      // The scenario must have something to count, or the comparison above proves nothing.
      expect(figures.movements.moves).not.toEqual([]);
      expect(figures.movements.since).toBe(BASELINE);
      expect(figures.gaps.map((gaps) => gaps.customers)).toContain(1);
      expect(watched.reads.sort()).toEqual([BASELINE, LATEST]);
    });

    it("reads no decisions without a latest date", async () => {
      const watched = watchDecisionReads(database.store);
      const cache = createRunFiguresCache(watched.store);

      expect(await cache.get(undefined, undefined)).toEqual({
        movements: { since: undefined, until: undefined, moves: [], unchanged: 0, appeared: 0 },
        gaps: [],
      });
      expect(await cache.get(LATEST, undefined)).toEqual(
        await countDirectly(database.store, LATEST, undefined),
      );
      expect(watched.reads).toEqual([LATEST]);
    });

    it("serves the same dates again without reading the decisions", async () => {
      const watched = watchDecisionReads(database.store);
      const cache = createRunFiguresCache(watched.store);

      const first = await cache.get(LATEST, BASELINE);
      const readsAfterFirst = watched.reads.length;
      const second = await cache.get(LATEST, BASELINE);

      expect(second).toBe(first);
      expect(watched.reads.length).toBe(readsAfterFirst);
    });

    it("shares one count between calls made at the same time", async () => {
      const watched = watchDecisionReads(database.store);
      const cache = createRunFiguresCache(watched.store);

      const [first, second] = await Promise.all([
        cache.get(LATEST, BASELINE),
        cache.get(LATEST, BASELINE),
      ]);

      expect(second).toBe(first);
      expect(watched.reads.sort()).toEqual([BASELINE, LATEST]);
    });

    it("counts again for other dates, keeping only the last dates asked", async () => {
      const watched = watchDecisionReads(database.store);
      const cache = createRunFiguresCache(watched.store);
      await cache.get(LATEST, BASELINE);
      watched.reads.length = 0;

      const sameDay = await cache.get(LATEST, LATEST);
      expect(sameDay).toEqual(await countDirectly(database.store, LATEST, LATEST));
      expect(sameDay.movements.moves).toEqual([]);
      expect(watched.reads).toEqual([LATEST]);

      await cache.get(LATEST, BASELINE);
      expect(watched.reads.sort()).toEqual([BASELINE, LATEST, LATEST]);
    });

    it("counts again once a run of an earlier date has rewritten its decisions", async () => {
      const { store } = database;
      const watched = watchDecisionReads(store);
      const cache = createRunFiguresCache(watched.store);
      const before = await cache.get(LATEST, BASELINE);
      watched.reads.length = 0;

      // Tuesday again, with Birch's card failing as well: the run rewrites Tuesday's decisions.
      const tuesday = [
        { ...ALDER, paymentFailed: true },
        { ...BIRCH, paymentFailed: true },
        CEDAR,
        ELM,
      ];
      await seedDay(store, LATEST, tuesday);
      await runOn(store, LATEST, 10);
      const after = await cache.get(LATEST, BASELINE);

      expect(watched.reads.sort()).toEqual([BASELINE, LATEST]);
      expect(after).toEqual(await countDirectly(store, LATEST, BASELINE));
      expect(after.movements).not.toEqual(before.movements);
    });

    it("counts again once a run of another date has completed", async () => {
      const { store } = database;
      const watched = watchDecisionReads(store);
      const cache = createRunFiguresCache(watched.store);
      await cache.get(LATEST, BASELINE);
      watched.reads.length = 0;

      const wednesday = addDays(LATEST, 1);
      await seedDay(store, wednesday, [ALDER, BIRCH, CEDAR, ELM]);
      await runOn(store, wednesday);
      const figures = await cache.get(LATEST, BASELINE);

      expect(watched.reads.sort()).toEqual([BASELINE, LATEST]);
      expect(figures).toEqual(await countDirectly(store, LATEST, BASELINE));
    });

    it("counts again once an outcome has canceled a customer", async () => {
      const { store } = database;
      const watched = watchDecisionReads(store);
      const cache = createRunFiguresCache(watched.store);
      const before = await cache.get(LATEST, BASELINE);
      watched.reads.length = 0;

      const [task] = await store.listOpenTasks();
      expect(task).toBeDefined();
      await logOn(store, LATEST, {
        taskId: task?.id ?? "",
        contact: "reached",
        issue: "payment",
        result: "will_cancel",
      });
      const after = await cache.get(LATEST, BASELINE);

      expect(watched.reads.sort()).toEqual([BASELINE, LATEST]);
      expect(after).toEqual(await countDirectly(store, LATEST, BASELINE));
      expect(after.movements).not.toEqual(before.movements);
    });

    it("does not serve a failed count again: the next call counts afresh", async () => {
      const watched = watchDecisionReads(database.store);
      const cache = createRunFiguresCache(watched.store);

      watched.failNextRead();
      await expect(cache.get(LATEST, BASELINE)).rejects.toThrow("connection lost");
      const retried = await cache.get(LATEST, BASELINE);

      expect(retried).toEqual(await countDirectly(database.store, LATEST, BASELINE));
      // The failed read of Tuesday, then Tuesday and Monday read again.
      expect(watched.reads).toEqual([LATEST, LATEST, BASELINE]);
      await cache.get(LATEST, BASELINE);
      expect(watched.reads).toHaveLength(3);
    });
  });
});
