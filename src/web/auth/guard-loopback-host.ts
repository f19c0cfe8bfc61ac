import type { MiddlewareHandler } from "hono";

import { hostOfHeader, isLoopbackHost } from "./is-loopback-host.js";

/**
 * On localhost the demo runs without sign-in. A web page elsewhere could still reach it by
 * pointing a name of its own at 127.0.0.1 (DNS rebinding); the browser then sends that name as
 * `Host`. Answering only requests addressed to a loopback name closes that door.
 */
export function guardLoopbackHost(): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host");
    if (host !== undefined && !isLoopbackHost(hostOfHeader(host))) {
      return c.text("csops serves localhost only; start it with --host to serve other names.", 421);
    }

    return next();
  };
}
