import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";

import type { FakeBusiness } from "./fake-business.js";
import { registerFakeHubspot } from "./fake-hubspot.js";
import { registerFakeMatomo } from "./fake-matomo.js";
import {
  createEmptyHubspotWrites,
  DEFAULT_BEHAVIOUR,
  type FakeBehaviour,
  type FakeCredentials,
  type FakeState,
} from "./fake-state.js";
import { registerFakeStripe } from "./fake-stripe.js";

export interface FakeApisOptions {
  business: FakeBusiness;
  credentials: FakeCredentials;
  behaviour?: Partial<FakeBehaviour> | undefined;
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
}

/** The fakes, listening; their state can be changed while they run. */
export interface RunningFakeApis extends FakeState {
  /** `http://127.0.0.1:PORT`: HubSpot, Stripe and Matomo all answer here. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts HubSpot, Stripe and Matomo fakes on one port of 127.0.0.1 (their paths do not
 * overlap: `/crm/…`, `/v1/…`, `/index.php`), serving `business`. Bound to the loopback address
 * only: the fakes accept any request that names a known token and must never face a network.
 */
export async function startFakeApis(options: FakeApisOptions): Promise<RunningFakeApis> {
  const state: FakeState = {
    business: options.business,
    credentials: options.credentials,
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    faults: [],
    requests: [],
    hubspot: createEmptyHubspotWrites(),
  };
  // Not strict: HubSpot's client asks for `/crm/v3/owners/`, with the slash.
  const app = new Hono({ strict: false });
  registerFakeHubspot(app, state);
  registerFakeStripe(app, state);
  registerFakeMatomo(app, state);

  const server = await listen(app, options.port ?? 0);
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;

  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => close(server),
  });
}

function listen(app: Hono, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
    server.once("listening", () => resolve(server));
    server.once("error", reject);
  });
}

/** Closes the server, cutting connections still held open (a test's delayed answer). */
function close(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ("closeAllConnections" in server) server.closeAllConnections();
  });
}
