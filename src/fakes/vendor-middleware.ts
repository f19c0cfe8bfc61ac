import type { Context, Hono, Next } from "hono";

import { takeFault, type FakeState, type FakeVendor } from "./fake-state.js";

/**
 * In front of one vendor's routes: applies a scripted fault (a delay, or an answer of its own)
 * and logs the request, its credentials left out. `readBody` gives what the log keeps of it.
 */
export function useVendorMiddleware(
  app: Hono,
  path: string,
  vendor: FakeVendor,
  state: FakeState,
  readBody: (c: Context) => Promise<Record<string, unknown> | undefined>,
): void {
  app.use(path, async (c: Context, next: Next) => {
    const url = new URL(c.req.url);
    const request = { url: `${url.pathname}${url.search}`, body: await readBody(c) };
    const fault = takeFault(state, vendor, request);
    if (fault?.delayMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    }

    let response: Response | undefined;
    if (fault?.status !== undefined) {
      const body = typeof fault.body === "string" ? fault.body : JSON.stringify(fault.body ?? {});
      response = new Response(body, {
        status: fault.status,
        headers: { "content-type": "application/json", ...fault.headers },
      });
    } else {
      await next();
    }
    state.requests.push({
      vendor,
      method: c.req.method,
      ...request,
      status: (response ?? c.res).status,
    });
    // Logged first: the work is done, only the answer is late.
    if (fault?.delayAfterMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayAfterMs));
    }

    return response;
  });
}

/** A JSON body, or undefined for requests without one. */
export async function readJsonBody(c: Context): Promise<Record<string, unknown> | undefined> {
  if (c.req.method === "GET") return undefined;
  try {
    return (await c.req.json()) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
