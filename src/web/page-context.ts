import type { Context } from "hono";

import { dateInZone } from "../domain/date-in-zone.js";
import type { CalendarDate } from "../domain/dates.js";
import type { Viewer } from "./viewer.js";
import type { WebDeps } from "./web-deps.js";
import type { WebEnv } from "./web-env.js";

/** What every page reads besides its own data: who is looking, today, the form token. */
export interface PageContext {
  viewer: Viewer;
  csrfToken: string;
  /** Today in the team's time zone. */
  today: CalendarDate;
  deps: WebDeps;
  /** The page's path and query, to come back to after a small form (the demo's "you are"). */
  currentPath: string;
}

export function pageContextOf(c: Context<WebEnv>, deps: WebDeps): PageContext {
  return {
    viewer: c.get("viewer"),
    csrfToken: c.get("csrfToken"),
    today: dateInZone(deps.now(), deps.config.time_zone),
    deps,
    currentPath: `${c.req.path}${new URL(c.req.url).search}`,
  };
}
