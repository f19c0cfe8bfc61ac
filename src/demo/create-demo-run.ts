import type { CalendarDate } from "../domain/dates.js";
import { createRandom, mixSeed } from "./create-random.js";
import { dayNumberOf } from "./day-numbers.js";
import { countProfiles, DEMO_PROFILES } from "./demo-profiles.js";
import type { DemoRun } from "./plan-customer.js";
import { STREAM } from "./random-streams.js";
import { unixTimeOf } from "./zone-times.js";

/**
 * Deals the profiles out to the run's customers: each profile's count, shuffled by the seed, so
 * the at-risk agencies are scattered through the files as they would be in a real export.
 */
export function createDemoRun(options: {
  customers: number;
  asOf: CalendarDate;
  seed: number;
  timeZone: string;
}): DemoRun {
  const profiles = new Uint8Array(options.customers);
  const counts = countProfiles(options.customers);
  let filled = 0;
  DEMO_PROFILES.forEach((profile, index) => {
    const count = counts.get(profile.id) ?? 0;
    profiles.fill(index, filled, filled + count);
    filled += count;
  });

  const random = createRandom(mixSeed(options.seed, STREAM.profiles));
  for (let at = profiles.length - 1; at > 0; at -= 1) {
    const other = random.int(0, at);
    const swap = profiles[at] ?? 0;
    profiles[at] = profiles[other] ?? 0;
    profiles[other] = swap;
  }

  return {
    seed: options.seed,
    customers: options.customers,
    asOfDay: dayNumberOf(options.asOf),
    exportedAt: unixTimeOf(options.asOf, "09:00", options.timeZone),
    profiles,
  };
}
