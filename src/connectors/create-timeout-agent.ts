import { Agent as HttpAgent, type ClientRequestArgs } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";

/** The code a timed-out request fails with, as Node names a connection that timed out. */
export const TIMEOUT_CODE = "ETIMEDOUT";

/**
 * An agent whose connections give up after `timeoutMs` without a byte either way. Node's own
 * socket timeout only emits an event, and HubSpot's client (node-fetch 2) passes no timeout of
 * its own, so a server that accepts a request and never answers would hang the sync; here the
 * socket is destroyed, the request fails with `ETIMEDOUT`, and the retry policy takes over.
 */
export function createTimeoutAgent(baseUrl: URL, timeoutMs: number): HttpAgent {
  const Base = baseUrl.protocol === "https:" ? HttpsAgent : HttpAgent;

  class TimeoutAgent extends Base {
    override createConnection(
      options: ClientRequestArgs,
      callback?: (error: Error | null, socket: Duplex) => void,
    ): Duplex | null | undefined {
      // http and https agents both connect with a net.Socket (a TLSSocket is one).
      const socket = super.createConnection(options, callback) as Socket | null | undefined;
      // The agent's `timeout` option arms the socket's timer; the timer only emits an event.
      socket?.on("timeout", () => {
        const error = Object.assign(new Error(`no answer within ${timeoutMs} ms`), {
          code: TIMEOUT_CODE,
        });
        socket.destroy(error);
      });

      return socket;
    }
  }

  return new TimeoutAgent({ keepAlive: true, timeout: timeoutMs });
}
