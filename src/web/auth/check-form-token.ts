import { timingSafeEqual } from "node:crypto";

import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";

import { readFormOrFail } from "../read-form-or-fail.js";
import type { WebEnv } from "../web-env.js";

/** The hidden input every form carries. */
export const FORM_TOKEN_FIELD = "_csrf";

/**
 * The second CSRF guard, after hono/csrf's origin check: every POST must carry this browser's
 * token (its session's, or its visitor cookie's) in a hidden field, which another site cannot
 * read. A missing or wrong token is a 403 before any route runs, so nothing changes; the edge
 * shows it as the origin check's refusal is shown.
 */
export function checkFormToken(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();

    const body = await readFormOrFail(c);
    const sent = body[FORM_TOKEN_FIELD];
    if (typeof sent !== "string" || !isSameToken(sent, c.get("csrfToken"))) {
      throw new HTTPException(403, { message: "the form token is missing or wrong" });
    }

    return next();
  };
}

function isSameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);

  return a.length === b.length && timingSafeEqual(a, b);
}
