import type { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

import { normalizeEmail } from "../../services/add-user.js";
import { DUMMY_HASH, verifyPassword } from "../../services/password-hash.js";
import { ACTING_AS_COOKIE, SESSION_COOKIE } from "../auth/cookie-names.js";
import { cookieOptions } from "../auth/cookie-options.js";
import { safeNextPath } from "../auth/safe-next-path.js";
import { SESSION_MAX_SECONDS, endSession, startSession } from "../auth/sessions.js";
import { createSignInThrottle } from "../auth/sign-in-throttle.js";
import { readFormOrFail } from "../read-form-or-fail.js";
import { showSignIn } from "../show-sign-in.js";
import type { WebDeps } from "../web-deps.js";
import type { WebEnv } from "../web-env.js";

const ACTING_AS_MAX_AGE = 365 * 24 * 60 * 60;

/** Sign-in and sign-out, and the localhost demo's "you are" box. */
export function registerAuthRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  const throttle = createSignInThrottle();

  app.get("/sign-in", async (c) => {
    const next = safeNextPath(c.req.query("next"));
    if (c.get("viewer").kind !== "anonymous") return c.redirect(next, 303);

    return showSignIn(c, deps, { next });
  });

  app.post("/sign-in", async (c) => {
    const body = await readFormOrFail(c);
    const next = safeNextPath(typeof body.next === "string" ? body.next : undefined);
    const email = normalizeEmail(typeof body.email === "string" ? body.email : "");
    const password = typeof body.password === "string" ? body.password : "";
    const now = deps.now();

    const wait = throttle.waitFor(email, now);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      const error = `Too many failed attempts for this address: try again in ${minutes} min.`;
      return showSignIn(c, deps, { next, email, error }, 429);
    }
    const user = await deps.store.findUserByEmail(email);
    // An unknown address costs the same time as a wrong password: it tells nobody who exists.
    const matches = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (user === undefined || !matches) {
      throttle.recordFailure(email, now);
      deps.logger.warn({ email }, "sign-in failed");
      return showSignIn(
        c,
        deps,
        { next, email, error: "The e-mail or the password is wrong." },
        401,
      );
    }

    throttle.recordSuccess(email);
    const { sessionId } = await startSession(user, deps);
    setCookie(c, SESSION_COOKIE, sessionId, cookieOptions(c, deps.access, SESSION_MAX_SECONDS));
    deps.logger.info({ user: user.id }, "signed in");
    return c.redirect(next, 303);
  });

  app.post("/sign-out", async (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId !== undefined) await endSession(sessionId, deps.store);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });

    return c.redirect("/sign-in", 303);
  });

  app.post("/you-are", async (c) => {
    const body = await readFormOrFail(c);
    const back = safeNextPath(typeof body.back === "string" ? body.back : undefined);
    if (c.get("viewer").kind !== "demo") return c.redirect(back, 303);

    const name = typeof body.name === "string" ? body.name : "";
    const person = deps.config.team.cs_people.find((candidate) => candidate.name === name);
    if (person === undefined) deleteCookie(c, ACTING_AS_COOKIE, { path: "/" });
    else
      setCookie(c, ACTING_AS_COOKIE, person.name, cookieOptions(c, deps.access, ACTING_AS_MAX_AGE));
    // "My tasks" follows the new name: an owner filter in the path would keep the old one.
    return c.redirect(back.replace(/([?&])owner=[^&]*&?/, "$1").replace(/[?&]$/, ""), 303);
  });
}
