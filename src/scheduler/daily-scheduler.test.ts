import { Writable } from "node:stream";

import { pino } from "pino";
import { describe, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import { addDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import { makeCustomer, RULES, seedDay } from "../services/daily-test-kit.js";
import { runDay } from "../services/run-day.js";
import type { Store } from "../storage/store.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import { startDailyScheduler, type DailyScheduler } from "./daily-scheduler.js";
import { FakeClock } from "./fake-clock.js";

const ZONE = "Europe/London";
const CONFIG = configSchema.parse({ time_zone: ZONE });

/** A pino logger whose JSON lines the test can read. */
function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
      done();
    },
  });

  return { logger: pino({ level: "info" }, stream), lines };
}

/** The scheduler over a real store and the real daily run, on a fake clock starting at `start`. */
async function startAt(store: Store, start: string) {
  const clock = new FakeClock(Date.parse(start));
  const { logger, lines } = captureLogs();
  const scheduler = await startDailyScheduler({
    cron: CONFIG.schedule.cron,
    timeZone: ZONE,
    clock,
    logger,
    runDate: (date, trigger) =>
      runDay(date, {
        store,
        config: CONFIG,
        rules: RULES,
        logger,
        trigger,
        now: () => Math.floor(clock.now() / 1000),
      }),
    hasRunFor: (date) => store.hasCompletedRun(date),
  });
  await scheduler.idle();
  const advanceTo = (instant: string) => clock.advanceTo(Date.parse(instant), scheduler.idle);

  return { clock, scheduler, lines, advanceTo };
}

/** Every run as `date trigger started-at (UTC)`, oldest first. */
async function listRunTimes(store: Store): Promise<string[]> {
  const runs = await store.listRuns({ limit: 100 });

  return runs
    .reverse()
    .map((run) => `${run.date} ${run.trigger} ${new Date(run.startedAt * 1000).toISOString()}`);
}

async function seedAround(store: Store, date: CalendarDate): Promise<void> {
  const customer = makeCustomer({ contractEndDate: addDays(date, 40), paymentFailed: true });
  await seedDay(store, date, [customer]);
}

describe("the daily scheduler", () => {
  describeEachDatabase("a service started after 09:00", (database) => {
    let scheduler: DailyScheduler | undefined;

    it("makes up today's missed run at once and logs its summary", async () => {
      const { store } = database;
      await seedAround(store, "2026-12-03");
      // 11:30 in London (GMT in December).
      const started = await startAt(store, "2026-12-03T11:30:00Z");
      scheduler = started.scheduler;

      expect(await listRunTimes(store)).toEqual(["2026-12-03 catch_up 2026-12-03T11:30:00.000Z"]);
      expect(started.scheduler.nextRunAt()?.toISOString()).toBe("2026-12-04T09:00:00.000Z");
      const summaries = started.lines.filter((line) => line.msg === "daily run completed");
      expect(summaries).toEqual([
        expect.objectContaining({
          level: 30,
          date: "2026-12-03",
          trigger: "catch_up",
          tasks: expect.objectContaining({ created: 1 }),
        }),
      ]);

      // The next morning's run happens at 09:00.
      await started.advanceTo("2026-12-04T12:00:00Z");
      expect(await listRunTimes(store)).toEqual([
        "2026-12-03 catch_up 2026-12-03T11:30:00.000Z",
        "2026-12-04 schedule 2026-12-04T09:00:00.000Z",
      ]);
      await started.scheduler.stop();
    });

    it("does not run again when today's run already completed", async () => {
      const { store } = database;
      const restarted = await startAt(store, "2026-12-04T15:00:00Z");
      scheduler = restarted.scheduler;

      expect(await listRunTimes(store)).toHaveLength(2);
      expect(restarted.scheduler.nextRunAt()?.toISOString()).toBe("2026-12-05T09:00:00.000Z");

      // Stopped, it schedules nothing more.
      await restarted.scheduler.stop();
      await restarted.advanceTo("2026-12-06T12:00:00Z");
      expect(await listRunTimes(store)).toHaveLength(2);
      expect(restarted.clock.pending).toBe(0);
      expect(restarted.scheduler.nextRunAt()).toBeUndefined();
    });

    it("waits for 09:00 when started before it", async () => {
      const { store } = database;
      const early = await startAt(store, "2026-12-07T08:15:00Z");
      scheduler = early.scheduler;
      expect(await listRunTimes(store)).toHaveLength(2);

      await early.advanceTo("2026-12-07T08:59:59Z");
      expect(await listRunTimes(store)).toHaveLength(2);
      await early.advanceTo("2026-12-07T09:00:00Z");
      expect((await listRunTimes(store)).at(-1)).toBe(
        "2026-12-07 schedule 2026-12-07T09:00:00.000Z",
      );
      await scheduler?.stop();
    });
  });

  describeEachDatabase("daylight saving mornings in London", (database) => {
    it("runs once at 09:00 BST on the morning the clocks go forward (28 March 2027)", async () => {
      const { store } = database;
      await seedAround(store, "2027-03-27");
      // Saturday 27 March, 10:00 GMT: that day's run is made up, then the scheduler waits.
      const started = await startAt(store, "2027-03-27T10:00:00Z");
      await started.advanceTo("2027-03-29T12:00:00Z");
      await started.scheduler.stop();

      expect(await listRunTimes(store)).toEqual([
        "2027-03-27 catch_up 2027-03-27T10:00:00.000Z",
        // 09:00 BST is 08:00 UTC.
        "2027-03-28 schedule 2027-03-28T08:00:00.000Z",
        "2027-03-29 schedule 2027-03-29T08:00:00.000Z",
      ]);
    });

    it("runs once at 09:00 GMT on the morning the clocks go back (25 October 2026)", async () => {
      const { store } = database;
      await seedAround(store, "2026-10-24");
      // Friday 23 October, 20:00 BST: that day's missed run is made up at once.
      const started = await startAt(store, "2026-10-23T19:00:00Z");
      await started.advanceTo("2026-10-26T12:00:00Z");
      await started.scheduler.stop();

      const october = (await listRunTimes(store)).filter((run) => run.startsWith("2026-10"));
      expect(october).toEqual([
        "2026-10-23 catch_up 2026-10-23T19:00:00.000Z",
        // 09:00 BST, then 09:00 GMT from the Sunday the clocks go back.
        "2026-10-24 schedule 2026-10-24T08:00:00.000Z",
        "2026-10-25 schedule 2026-10-25T09:00:00.000Z",
        "2026-10-26 schedule 2026-10-26T09:00:00.000Z",
      ]);
    });
  });
});
