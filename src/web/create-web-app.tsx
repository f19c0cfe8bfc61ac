import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";

import { createHealthApp } from "./health-app.js";
import { CsopsError } from "../errors.js";
import { checkFormToken } from "./auth/check-form-token.js";
import { findFormPage } from "./auth/find-form-page.js";
import { guardLoopbackHost } from "./auth/guard-loopback-host.js";
import { resolveViewer } from "./auth/resolve-viewer.js";
import { HTTP_STATUS } from "./http-status.js";
import { limitBody } from "./limit-body.js";
import { pageContextOf } from "./page-context.js";
import { ErrorPage, type BackLink } from "./pages/error-page.js";
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
 * the form token check on POST. A refused form gets a page that leads back to it.
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
      // Other sites learn nothing, as with no-referrer; our own forms send their page (the way
      // back after a refused form) and their real Origin rather than "null" (hono/csrf's check).
      referrerPolicy: "same-origin",
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
    if (error instanceof HTTPException) return showRefusedForm(c, deps, error);
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

/**
 * A form refused before any route ran, so nothing changed: 403 from the origin check
 * (hono/csrf) or the form token check, 400 from a body that is not a form. The page leads back
 * to the form's page to reload it; the log gets one line, without a stack.
 */
function showRefusedForm(
  c: Context<WebEnv>,
  deps: WebDeps,
  error: HTTPException,
): Response | Promise<Response> {
  if (error.status !== 400 && error.status !== 403) return error.getResponse();

  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  // hono/csrf's refusal carries no message: its only reason is an Origin from elsewhere.
  const reason = error.message === "" ? "the Origin is not this site" : error.message;
  deps.logger.warn({ path: c.req.path, status: error.status, reason, cause }, "form refused");
  const back = {
    href: findFormPage(c.req.url, c.req.header("referer")),
    label: "Back to the page, to reload it",
  };
  if (error.status === 403) {
    const message =
      "The form has expired or did not come from csops, so nothing was saved. Go back to the " +
      "page, reload it and send the form again.";
    return showError(c, deps, 403, "This form was not accepted", message, back);
  }
  const message =
    "What the browser sent was not a complete form, so nothing was saved. Go back to the page, " +
    "reload it and try again.";
  return showError(c, deps, 400, "This form could not be read", message, back);
}

async function showError(
  c: Context<WebEnv>,
  deps: WebDeps,
  status: ContentfulStatusCode,
  title: string,
  message: string,
  back?: BackLink,
): Promise<Response> {
  // Before the viewer is known (an error in the middleware itself), show no navigation.
  if (c.get("viewer") === undefined) c.set("viewer", { kind: "anonymous" });
  if (c.get("csrfToken") === undefined) c.set("csrfToken", "");

  return renderPage(
    c,
    <ErrorPage page={pageContextOf(c, deps)} title={title} message={message} back={back} />,
    status,
  );
}
