import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

import { showSignIn } from "../show-sign-in.js";
import type { WebDeps } from "../web-deps.js";
import type { WebEnv } from "../web-env.js";
import { ACTING_AS_COOKIE, SESSION_COOKIE, VISITOR_TOKEN_COOKIE } from "./cookie-names.js";
import { cookieOptions } from "./cookie-options.js";
import { findFormPage } from "./find-form-page.js";
import { createToken, resumeSession } from "./sessions.js";

const SIGNED_OUT =
  "You are signed out (the session ended, or was closed in another tab), so what you sent " +
  "was not saved. Sign in to go back to the page and send it again.";

/** Paths anyone may open: the sign-in page itself, and its stylesheet. */
const OPEN_PATHS = [/^\/sign-in$/, /^\/static\//];

/**
 * Decides who is looking (see `Viewer`) and whether they may: a valid session cookie signs
 * the request in; without one, the app is open only on localhost while no user exists (the
 * demo), and otherwise every page but the sign-in page redirects there. A form sent without a
 * session changes nothing and gets the sign-in page, which comes back to the form's page. Sets
 * the token that this browser's forms must carry.
 */
export function resolveViewer(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    const resumed = sessionId === undefined ? undefined : await resumeSession(sessionId, deps);
    if (resumed !== undefined) {
      c.set("viewer", { kind: "user", ...resumed });
      c.set("csrfToken", resumed.session.csrfToken);
      return next();
    }
    if (sessionId !== undefined) deleteCookie(c, SESSION_COOKIE, { path: "/" });

    c.set("csrfToken", visitorToken(c, deps));
    const isOpen = !deps.access.isPublic && (await deps.store.countUsers()) === 0;
    if (isOpen) {
      c.set("viewer", { kind: "demo", actingAs: actingAs(c, deps) });
      return next();
    }

    c.set("viewer", { kind: "anonymous" });
    if (OPEN_PATHS.some((path) => path.test(c.req.path))) return next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const next = findFormPage(c.req.url, c.req.header("referer"));
      return showSignIn(c, deps, { next, error: SIGNED_OUT }, 401);
    }
    const url = new URL(c.req.url);
    return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  };
}

/** The browser's visitor token, made and set in a cookie on its first visit. */
function visitorToken(c: Context<WebEnv>, deps: WebDeps): string {
  const existing = getCookie(c, VISITOR_TOKEN_COOKIE);
  if (existing !== undefined && /^[\w-]{43}$/.test(existing)) return existing;

  const token = createToken(deps.randomBytes);
  setCookie(c, VISITOR_TOKEN_COOKIE, token, cookieOptions(c, deps.access));
  return token;
}

/** The CS person the demo visitor said they are, if that is a configured name. */
function actingAs(c: Context<WebEnv>, deps: WebDeps): string | undefined {
  const wanted = getCookie(c, ACTING_AS_COOKIE);
  if (wanted === undefined) return undefined;

  return deps.config.team.cs_people.find((person) => person.name === wanted)?.name;
}
