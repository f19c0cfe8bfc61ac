import type { Hono } from "hono";

import type { Config } from "../../config/config-schema.js";
import { loadQueue } from "../../services/load-queue.js";
import { describeLogged } from "../describe-logged.js";
import { pageContextOf } from "../page-context.js";
import { QUEUE_PAGE_SIZE, QueuePage } from "../pages/queue-page.js";
import { createQueueFilter, type QueueFilter } from "../queue-filter.js";
import { renderPage } from "../render-page.js";
import { nameOf, type Viewer } from "../viewer.js";
import type { WebDeps } from "../web-deps.js";
import type { WebEnv } from "../web-env.js";

/** `GET /`: today's queue, the start page. */
export function registerQueueRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get("/", async (c) => {
    const page = pageContextOf(c, deps);
    const me = findConfiguredName(page.viewer, deps.config);
    const filter = readQueueFilter(c.req.query("owner"), c.req.query("segment"), me);
    const queue = await loadQueue(page.today, {
      ...deps,
      owner: ownerOf(filter),
      segment: filter.segment,
      page: {
        offset: (pageNumber(c.req.query("page")) - 1) * QUEUE_PAGE_SIZE,
        limit: QUEUE_PAGE_SIZE,
      },
    });
    const hasRun =
      queue.total > 0 || (await deps.store.listRuns({ limit: 1, status: "completed" })).length > 0;

    return renderPage(
      c,
      <QueuePage
        page={page}
        queue={queue}
        filter={filter}
        me={me}
        hasRun={hasRun}
        notice={await describeLogged(c.req.query("logged"), deps.store)}
      />,
    );
  });
}

/**
 * The queue filter of a request. Without `owner`, a configured CS person sees their own tasks
 * (DESIGN.md: "each person sees their own tasks") and anyone else the whole team's; `all` is
 * the whole team's.
 */
export function readQueueFilter(
  owner: string | undefined,
  segment: string | undefined,
  me: string | undefined,
): QueueFilter {
  return createQueueFilter({ owner: owner ?? me ?? "all", segment });
}

/** The CS person a filter names; undefined for the whole team. */
export function ownerOf(filter: QueueFilter): string | undefined {
  return filter.owner === undefined || filter.owner === "all" ? undefined : filter.owner;
}

/** The 1-based page a query asks for: 1 unless it is a whole number above 0. */
function pageNumber(text: string | undefined): number {
  // Digits only: `Number` would also read `0x2`, `1e1` and spaces.
  const page = /^\d{1,9}$/.test(text ?? "") ? Number(text) : 1;

  return page > 0 ? page : 1;
}

/** The viewer's name when it is a configured CS person, whose tasks "my tasks" are. */
export function findConfiguredName(viewer: Viewer, config: Config): string | undefined {
  const name = nameOf(viewer)?.trim().toLowerCase();
  if (name === undefined) return undefined;

  return config.team.cs_people.find((person) => person.name.trim().toLowerCase() === name)?.name;
}
