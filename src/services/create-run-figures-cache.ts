import type { CalendarDate } from "../domain/dates.js";
import type { SegmentOnDate } from "../storage/segments-on-date.js";
import type { Store } from "../storage/store.js";
import { countDataGaps, type SourceGaps } from "./count-data-gaps.js";
import { countMovements, type Movements } from "./count-movements.js";

/** What the dashboard counts from every customer's decision on two run dates. */
export interface RunFigures {
  movements: Movements;
  gaps: SourceGaps[];
}

export interface RunFiguresCache {
  /** Movements from `baseline` to `latest` and the data gaps on `latest`. */
  get(latest: CalendarDate | undefined, baseline: CalendarDate | undefined): Promise<RunFigures>;
}

/**
 * Movements and data gaps read every customer's decision on two dates (about a second at
 * 100,000 customers), while they change only when a run completes or an outcome cancels a
 * customer (a canceled customer leaves the decisions from that day). This keeps the last figures
 * and counts again when a newer run has completed (a run of any date: a run of an earlier day
 * rewrites that day's decisions), when an outcome has been logged since (any outcome: counting
 * them all is one cheap query), or when other dates are asked for. Concurrent calls for one key
 * share one computation.
 */
const ALL_TIME = { from: "0001-01-01", to: "9999-12-31" };

export function createRunFiguresCache(store: Store): RunFiguresCache {
  let cached: { key: string; figures: Promise<RunFigures> } | undefined;

  return {
    async get(latest, baseline) {
      const [newest] = await store.listRuns({ limit: 1, status: "completed" });
      const outcomes = await store.countOutcomes(ALL_TIME);
      const key = `${newest?.id ?? 0}:${outcomes}:${latest}:${baseline}`;
      if (cached?.key !== key) {
        const figures = countRunFigures(store, latest, baseline);
        cached = { key, figures };
        // A failed count must not be served again.
        figures.catch(() => {
          if (cached?.figures === figures) cached = undefined;
        });
      }

      return cached.figures;
    },
  };
}

async function countRunFigures(
  store: Store,
  latest: CalendarDate | undefined,
  baseline: CalendarDate | undefined,
): Promise<RunFigures> {
  const decisions: SegmentOnDate[] = latest === undefined ? [] : await store.listSegmentsOn(latest);
  // The latest date's decisions serve both counts; only the baseline's are read again.
  const segmentsOn = (date: CalendarDate) =>
    date === latest ? Promise.resolve(decisions) : store.listSegmentsOn(date);

  return {
    movements: await countMovements({ listSegmentsOn: segmentsOn }, latest, baseline),
    gaps: countDataGaps(decisions),
  };
}
