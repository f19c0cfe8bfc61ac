import type { Hono } from "hono";

import { loadDashboard } from "../../services/load-dashboard.js";
import { pageContextOf } from "../page-context.js";
import { DashboardPage } from "../pages/dashboard-page.js";
import { renderPage } from "../render-page.js";
import type { WebDeps } from "../web-deps.js";
import type { WebEnv } from "../web-env.js";

/** `GET /dashboard`. */
export function registerDashboardRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get("/dashboard", async (c) => {
    const page = pageContextOf(c, deps);
    const dashboard = await loadDashboard(page.today, {
      ...deps,
      loadJoinReport: (date) => deps.joinReports.get(date),
    });

    return renderPage(c, <DashboardPage page={page} dashboard={dashboard} />);
  });
}
