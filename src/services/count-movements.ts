import type { CalendarDate } from "../domain/dates.js";
import type { Bucket } from "../domain/rules.js";
import type { Store } from "../storage/store.js";

/** How customers moved between the segments the team sees, from one run date to another. */
export interface Movements {
  /** The earlier date; undefined when there is no earlier run to compare with. */
  since?: CalendarDate | undefined;
  until?: CalendarDate | undefined;
  /** Customers that changed segment, per pair, the largest first. */
  moves: { from: Bucket; to: Bucket; customers: number }[];
  unchanged: number;
  /** Customers with a decision on `until` and none on `since`: new to csops. */
  appeared: number;
}

/** Compares every customer's shown segment on `until` with the one on `since`. */
export async function countMovements(
  store: Pick<Store, "listSegmentsOn">,
  until: CalendarDate | undefined,
  since: CalendarDate | undefined,
): Promise<Movements> {
  if (until === undefined || since === undefined) {
    return { since, until, moves: [], unchanged: 0, appeared: 0 };
  }
  const before = new Map(
    (await store.listSegmentsOn(since)).map((entry) => [entry.customerId, entry.shownSegment]),
  );
  const pairs = new Map<string, { from: Bucket; to: Bucket; customers: number }>();
  let unchanged = 0;
  let appeared = 0;

  for (const entry of await store.listSegmentsOn(until)) {
    const from = before.get(entry.customerId);
    const to = entry.shownSegment;
    if (from === undefined) appeared += 1;
    else if (from === to) unchanged += 1;
    else {
      const key = `${from}>${to}`;
      const pair = pairs.get(key) ?? { from, to, customers: 0 };
      pair.customers += 1;
      pairs.set(key, pair);
    }
  }

  const moves = [...pairs.values()].sort(
    (a, b) => b.customers - a.customers || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
  return { since, until, moves, unchanged, appeared };
}
