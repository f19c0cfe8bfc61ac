import { Hono } from "hono";

import type { Store } from "../storage/store.js";

export interface HealthDeps {
  store: Pick<Store, "listRuns">;
  /** When the scheduler starts the next daily run. */
  nextRunAt: () => Date | undefined;
}

/**
 * What `csops serve` answers until the web app arrives: `GET /health` with the last run and the
 * next one, for a load balancer or a person checking that the 09:00 run happened. A database
 * that does not answer makes it 503, without internals.
 */
export function createHealthApp(deps: HealthDeps): Hono {
  const app = new Hono();

  app.get("/health", async (c) => {
    const next = deps.nextRunAt()?.toISOString() ?? null;
    try {
      const [last] = await deps.store.listRuns({ limit: 1 });
      const lastRun =
        last === undefined
          ? null
          : {
              date: last.date,
              status: last.status,
              trigger: last.trigger,
              degraded: last.degraded,
              started_at: new Date(last.startedAt * 1000).toISOString(),
              finished_at:
                last.finishedAt === undefined
                  ? null
                  : new Date(last.finishedAt * 1000).toISOString(),
            };
      return c.json({ ok: true, last_run: lastRun, next_run: next });
    } catch {
      return c.json({ ok: false, error: "the database does not answer", next_run: next }, 503);
    }
  });

  return app;
}
