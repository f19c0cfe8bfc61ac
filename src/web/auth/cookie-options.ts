import type { Context } from "hono";
import type { CookieOptions } from "hono/utils/cookie";

import type { AccessSettings } from "../web-deps.js";

/**
 * Every cookie csops sets: not readable by scripts, sent on top-level navigation from other
 * sites (so a link in an e-mail opens the app signed in) but not on their forms or requests,
 * and `Secure` when the app is bound off localhost or the request came over https (directly
 * or through a proxy that says so: trusting that header can only make the cookie stricter).
 */
export function cookieOptions(
  c: Context,
  access: AccessSettings,
  maxAgeSeconds?: number,
): CookieOptions & { path: string } {
  const isHttps =
    new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

  return {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: access.secureCookies || isHttps,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}
