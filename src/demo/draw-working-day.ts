import type { Random } from "./create-random.js";
import { weekdayOf } from "./day-numbers.js";

/** A day from `from` to `to`, weekends less likely: agencies open on Saturdays, rarely Sundays. */
export function drawWorkingDay(random: Random, from: number, to: number): number {
  for (let attempt = 0; ; attempt += 1) {
    const day = random.int(from, to);
    const weekday = weekdayOf(day);
    const weight = weekday === 0 ? 0.35 : weekday === 6 ? 0.6 : 1;
    if (attempt >= 8 || random.next() < weight) return day;
  }
}
