import { Cron } from "croner";

import { dateInZone } from "../domain/date-in-zone.js";
import type { CalendarDate } from "../domain/dates.js";
import { CsopsError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Clock } from "./clock.js";

/** Why the scheduler started a run. */
export type ScheduledTrigger = "schedule" | "catch_up";

export interface DailySchedulerOptions {
  /** Cron expression read in `timeZone` (config `schedule.cron`, default `0 9 * * *`). */
  cron: string;
  timeZone: string;
  clock: Clock;
  logger: Logger;
  /** Runs the daily run for a date (which logs its own summary). */
  runDate: (date: CalendarDate, trigger: ScheduledTrigger) => Promise<unknown>;
  /** Whether a run for the date already completed: a missed run is only made up when not. */
  hasRunFor: (date: CalendarDate) => Promise<boolean>;
}

export interface DailyScheduler {
  /** When the next scheduled run starts; undefined once stopped. */
  nextRunAt(): Date | undefined;
  /** Resolves once no run is in progress. */
  idle(): Promise<void>;
  /** Schedules nothing more and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Long waits are cut into pieces of at most this, each checking the clock again: a machine
 * that slept, or a clock that was set, does not make the run late by the length of the wait.
 */
const MAX_WAIT_MS = 60 * 60 * 1000;

/**
 * Runs the daily run at each tick of `cron` in the team's zone, for the tick's calendar date
 * there. croner computes the ticks in the zone, so 09:00 stays 09:00 local across daylight
 * saving changes and a day has one 09:00 run whether it has 23 or 25 hours. On start, a run
 * whose tick already passed today and that has not completed is made up at once; earlier days
 * are not (yesterday's queue is stale; today's run reconciles everything anyway).
 */
export async function startDailyScheduler(options: DailySchedulerOptions): Promise<DailyScheduler> {
  const { clock, logger, timeZone } = options;
  const cron = new Cron(options.cron, { timezone: timeZone, paused: true });
  let stopped = false;
  let next: Date | undefined;
  let cancelWait: (() => void) | undefined;
  let running: Promise<void> = Promise.resolve();

  const run = (date: CalendarDate, trigger: ScheduledTrigger): Promise<void> => {
    running = running.then(() => runAndLog(options, date, trigger));
    return running;
  };

  const scheduleAfter = (from: number) => {
    if (stopped) return;
    next = cron.nextRun(new Date(from)) ?? undefined;
    if (next === undefined) return;
    waitFor(next.getTime());
  };
  const waitFor = (target: number) => {
    const delay = Math.min(Math.max(0, target - clock.now()), MAX_WAIT_MS);
    cancelWait = clock.setTimer(() => {
      if (stopped) return;
      if (clock.now() < target) return waitFor(target);
      const date = dateInZone(target / 1000, timeZone);
      void run(date, "schedule").then(() => scheduleAfter(Math.max(target, clock.now())));
    }, delay);
  };

  const missed = await findMissedRun(cron, options);
  if (missed !== undefined) void run(missed, "catch_up");
  scheduleAfter(clock.now());
  logger.info({ cron: options.cron, timeZone, next: next?.toISOString() }, "scheduler started");

  return {
    nextRunAt: () => (stopped ? undefined : next),
    idle: async () => {
      let current: Promise<void>;
      do {
        current = running;
        await current;
      } while (current !== running);
    },
    stop: async () => {
      stopped = true;
      cancelWait?.();
      await running;
    },
  };
}

/** Today's date when its latest tick is past and no run for today completed. */
async function findMissedRun(
  cron: Cron,
  options: DailySchedulerOptions,
): Promise<CalendarDate | undefined> {
  const now = options.clock.now();
  const today = dateInZone(now / 1000, options.timeZone);
  const [previous] = cron.previousRuns(1, new Date(now));
  if (previous === undefined || dateInZone(previous.getTime() / 1000, options.timeZone) !== today) {
    return undefined;
  }

  return (await options.hasRunFor(today)) ? undefined : today;
}

async function runAndLog(
  options: DailySchedulerOptions,
  date: CalendarDate,
  trigger: ScheduledTrigger,
): Promise<void> {
  const { logger } = options;
  try {
    await options.runDate(date, trigger);
    logger.debug({ date, trigger }, "scheduled daily run finished");
  } catch (error) {
    if (error instanceof CsopsError && error.code === "run_in_progress") {
      logger.warn({ date, trigger }, error.message);
      return;
    }
    logger.error({ date, trigger, err: error }, "scheduled daily run failed");
  }
}
