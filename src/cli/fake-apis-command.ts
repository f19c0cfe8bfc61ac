import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { defineCommand } from "citty";

import { loadConfigOrFail } from "../config/load-config.js";
import { writeDemoExports } from "../demo/write-demo-exports.js";
import { CsopsError } from "../errors.js";
import { FULL_ACCESS, WRITE_BACK_SCOPES } from "../fakes/fake-state.js";
import { readExportsAsBusiness } from "../fakes/read-exports-as-business.js";
import { startFakeApis, type RunningFakeApis } from "../fakes/start-fake-apis.js";
import { resolveDateOrFail } from "./as-of-arg.js";
import { CONTEXT_ARGS, nowInSeconds } from "./command-context.js";

export default defineCommand({
  meta: {
    name: "fake-apis",
    description:
      "Serve fake HubSpot, Stripe and Matomo APIs with the demo business on 127.0.0.1, to try sync",
  },
  args: {
    port: { type: "string", description: "port to listen on (0: any free one)", default: "4010" },
    customers: { type: "string", description: "how many agencies", default: "850" },
    "as-of": {
      type: "string",
      description: "the demo business's date, YYYY-MM-DD (default: today, team time zone)",
    },
    seed: { type: "string", description: "the demo's seed", default: "1" },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const { config } = loadConfigOrFail({
      file: args.config,
      cwd: process.cwd(),
      env: process.env,
    });
    const asOf = resolveDateOrFail(args["as-of"], config.time_zone, "--as-of");
    const customers = parseWholeNumberOrFail(args.customers, "--customers");
    const seed = parseWholeNumberOrFail(args.seed, "--seed");
    const port = parseWholeNumberOrFail(args.port, "--port");
    if (port > 65_535) throw new CsopsError("usage", `--port ${port} is not a port (0 to 65535)`);

    const folder = await mkdtemp(join(tmpdir(), "csops-fake-apis-"));
    let fakes: RunningFakeApis;
    try {
      const demo = await writeDemoExports({
        outDir: folder,
        customers,
        asOf,
        seed,
        timeZone: config.time_zone,
        siteTimeZone: config.matomo.site_time_zone,
      });
      const business = await readExportsAsBusiness(
        demo.files.map((file) => file.path),
        { config, modifiedAt: nowInSeconds() },
      );
      fakes = await startFakeApis({ business, credentials: createCredentials(), port }).catch(
        (error: unknown) => {
          throw new CsopsError("usage", `cannot listen on 127.0.0.1:${port}: ${String(error)}`);
        },
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    process.stdout.write(formatExports(fakes));
    process.stderr.write(
      `Fake HubSpot, Stripe and Matomo serve the demo business (${customers} agencies, ` +
        `as of ${asOf}) on ${fakes.url}.\n` +
        "In another shell, run the export lines above (or `source` this command's output), " +
        "then `csops sync` and `csops run`.\n" +
        "To try the HubSpot write-back too, set `hubspot_write_back: { enabled: true }` in " +
        "csops.config.yaml: `csops run` (or `csops writeback`) then writes into these fakes.\n" +
        "Ctrl-C stops the fakes.\n",
    );
    await waitForStopSignal();
    await fakes.close();
  },
});

/**
 * Fresh secrets for each start: the fakes accept nothing else, and the lines to copy carry
 * them. They open only these fakes, on the loopback address.
 */
function createCredentials() {
  return {
    hubspot: { [`pat-na1-${randomUUID()}`]: [...FULL_ACCESS.hubspot, ...WRITE_BACK_SCOPES] },
    stripe: { [`rk_test_${randomBytes(24).toString("hex")}`]: FULL_ACCESS.stripe },
    matomo: [randomBytes(16).toString("hex")],
  };
}

/** `export NAME=VALUE` lines, one a variable: the output can be `source`d as it is. */
function formatExports(fakes: RunningFakeApis): string {
  const [hubspot = ""] = Object.keys(fakes.credentials.hubspot);
  const [stripe = ""] = Object.keys(fakes.credentials.stripe);
  const [matomo = ""] = fakes.credentials.matomo;
  const lines = [
    `HUBSPOT_BASE_URL=${fakes.url}`,
    `HUBSPOT_ACCESS_TOKEN=${hubspot}`,
    `STRIPE_API_BASE=${fakes.url}`,
    `STRIPE_API_KEY=${stripe}`,
    `MATOMO_URL=${fakes.url}/index.php`,
    `MATOMO_TOKEN_AUTH=${matomo}`,
  ];

  return lines.map((line) => `export ${line}\n`).join("");
}

function parseWholeNumberOrFail(text: string, option: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new CsopsError("usage", `${option} "${text}" is not a whole number`);
  }

  return value;
}

/** Resolves with the first of SIGINT (Ctrl-C) and SIGTERM. */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
