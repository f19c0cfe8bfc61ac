import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";

import { createHealthApp } from "./health-app.js";
import { CsopsError } from "../errors.js";
import { checkFormToken } from "./auth/check-form-token.js";
import { guardLoopbackHost } from "./auth/guard-loopback-host.js";
import { resolveViewer } from "./auth/resolve-viewer.js";
import { HTTP_STATUS } from "./http-status.js";
import { limitBody } from "./limit-body.js";
import { pageContextOf } from "./page-context.js";
import { ErrorPage } from "./pages/error-page.js";
import { renderPage } from "./render-page.js";
import { registerAuthRoutes } from "./routes/auth-routes.js";
import { registerCustomerRoutes } from "./routes/customer-routes.js";
import { registerDashboardRoutes } from "./routes/dashboard-routes.js";
import { registerImportRoutes } from "./routes/import-routes.js";
import { registerQueueRoutes } from "./routes/queue-routes.js";
import { registerTaskRoutes } from "./routes/task-routes.js";
import { serveStaticAssets } from "./static-assets.js";
import type { WebDeps } from "./web-deps.js";
import type { WebEnv } from "./web-env.js";

/**
 * The CS team's web app: server-rendered pages over the same services the CLI uses. Order
 * matters: /health and the static files answer before any sign-in check; every other route
 * passes the origin check (hono/csrf), the viewer check (sign-in, or the localhost demo) and
 * the form token check on POST.
 */
export function createWebApp(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      // The app is served over plain http on localhost; https deployments set HSTS at the proxy.
      strictTransportSecurity: false,
    }),
  );
  if (!deps.access.isPublic) app.use(guardLoopbackHost());

  app.route("/", createHealthApp({ store: deps.store, nextRunAt: deps.nextRunAt }));
  serveStaticAssets(app);

  app.use(csrf());
  app.use(resolveViewer(deps));
  app.use(limitBody());
  app.use(checkFormToken());

  registerAuthRoutes(app, deps);
  registerQueueRoutes(app, deps);
  registerTaskRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerImportRoutes(app, deps);

  app.notFound((c) => showError(c, deps, 404, "Not found", "There is no page at this address."));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof CsopsError) {
      return showError(c, deps, HTTP_STATUS[error.code], "That did not work", error.message);
    }
    deps.logger.error({ err: error, path: c.req.path }, "web request failed");
    return showError(
      c,
      deps,
      500,
      "Something went wrong",
      "The error is in the server's log. Try again in a moment.",
    );
  });

  return app;
}

async function showError(
  c: Context<WebEnv>,
  deps: WebDeps,
  status: ContentfulStatusCode,
  title: string,
  message: string,
): Promise<Response> {
  // Before the viewer is known (an error in the middleware itself), show no navigation.
  if (c.get("viewer") === undefined) c.set("viewer", { kind: "anonymous" });
  if (c.get("csrfToken") === undefined) c.set("csrfToken", "");

  return renderPage(
    c,
    <ErrorPage page={pageContextOf(c, deps)} title={title} message={message} />,
    status,
  );
}
