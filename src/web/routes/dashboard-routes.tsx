import type { Hono } from "hono";

import { createRunFiguresCache } from "../../services/create-run-figures-cache.js";
import { loadDashboard } from "../../services/load-dashboard.js";
import { pageContextOf } from "../page-context.js";
import { DashboardPage } from "../pages/dashboard-page.js";
import { ErrorPage } from "../pages/error-page.js";
import { renderPage } from "../render-page.js";
import { canImport } from "../viewer.js";
import type { WebDeps } from "../web-deps.js";
import type { WebEnv } from "../web-env.js";

/**
 * `GET /dashboard`; `POST /runs` runs today now, for whoever may import (files imported in the
 * afternoon need not wait for tomorrow's 09:00). Running a day again creates nothing twice.
 */
export function registerDashboardRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.post("/runs", async (c) => {
    const page = pageContextOf(c, deps);
    if (deps.runToday === undefined || !canImport(page.viewer)) {
      const message =
        "Running the day changes everyone's task list, so it needs an admin's account. Ask one, " +
        "or run csops run on the server.";
      return renderPage(
        c,
        <ErrorPage page={page} title="Only admins run the day" message={message} />,
        403,
      );
    }
    await deps.runToday();

    return c.redirect("/dashboard#runs", 303);
  });

  const runFigures = createRunFiguresCache(deps.store);
  app.get("/dashboard", async (c) => {
    const page = pageContextOf(c, deps);
    const dashboard = await loadDashboard(page.today, {
      ...deps,
      loadJoinReport: (date) => deps.joinReports.get(date),
      loadRunFigures: (latest, baseline) => runFigures.get(latest, baseline),
    });

    return renderPage(c, <DashboardPage page={page} dashboard={dashboard} />);
  });
}
