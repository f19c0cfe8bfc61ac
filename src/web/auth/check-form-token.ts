import { timingSafeEqual } from "node:crypto";

import type { MiddlewareHandler } from "hono";

import type { WebEnv } from "../web-env.js";

/** The hidden input every form carries. */
export const FORM_TOKEN_FIELD = "_csrf";

/**
 * The second CSRF guard, after hono/csrf's origin check: every POST must carry this browser's
 * token (its session's, or its visitor cookie's) in a hidden field, which another site cannot
 * read. A missing or wrong token gets 403 and changes nothing.
 */
export function checkFormToken(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();

    const body = await c.req.parseBody();
    const sent = body[FORM_TOKEN_FIELD];
    if (typeof sent !== "string" || !isSameToken(sent, c.get("csrfToken"))) {
      return c.text(
        "This form has expired or did not come from csops. Go back, reload the page and try again.",
        403,
      );
    }

    return next();
  };
}

function isSameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);

  return a.length === b.length && timingSafeEqual(a, b);
}
