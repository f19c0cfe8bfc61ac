import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../dates.js";
import { countDaysOf, firstDayOf, type Quarter } from "./quarter.js";

/**
 * The day of `quarter` on which a Healthy & Stable customer gets its check-in. The day comes
 * from a hash of the customer id alone, scaled to the quarter's length, so that it is stable
 * (the same customer keeps the same place in every quarter, about three months apart, and
 * adding customers moves nobody) and the customers spread evenly over the quarter's days.
 */
export function checkInDay(customerId: string, quarter: Quarter): CalendarDate {
  const share = hashToUnit(customerId);
  const offset = Math.floor(share * countDaysOf(quarter));

  return Temporal.PlainDate.from(firstDayOf(quarter)).add({ days: offset }).toString();
}

/**
 * FNV-1a over the id's UTF-16 code units, then MurmurHash3's finalizer: ids that differ in
 * one digit (HubSpot's are sequential numbers) land far apart. Returns a number in [0, 1).
 */
function hashToUnit(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash ^= hash >>> 16;

  return (hash >>> 0) / 2 ** 32;
}
