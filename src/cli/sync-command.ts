import { defineCommand } from "citty";

import type { SourceName } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { readSourceConnections, SOURCE_VARIABLES } from "../services/read-source-connections.js";
import { SOURCE_NAMES, syncConfiguredSources } from "../services/sync-sources.js";
import { CONTEXT_ARGS, nowInSeconds, withCommandContext } from "./command-context.js";
import { EXIT_CODES } from "./exit-codes.js";
import { formatSyncResults } from "./format-sync-results.js";

export default defineCommand({
  meta: {
    name: "sync",
    description: "Fetch HubSpot, Stripe and Matomo through their APIs into the store",
  },
  args: {
    source: {
      type: "string",
      description: `sync only this source: ${SOURCE_NAMES.join(", ")}`,
    },
    full: {
      type: "boolean",
      description: "fetch everything again: all of HubSpot, Matomo's whole backfill",
      default: false,
    },
    json: { type: "boolean", description: "print the results as JSON", default: false },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const only = args.source === undefined ? undefined : [parseSourceOrFail(args.source)];
    failWithoutConnection(only);

    const results = await withCommandContext(args, (context) =>
      syncConfiguredSources({
        ...context,
        env: process.env,
        now: nowInSeconds,
        only,
        full: args.full,
      }),
    );

    process.stdout.write(
      args.json ? `${JSON.stringify(results, null, 2)}\n` : formatSyncResults(results),
    );
    if (results.some((result) => result.status === "failed")) {
      process.exitCode = EXIT_CODES.source_unavailable;
    } else if (results.some((result) => result.rowsRejected > 0)) {
      process.exitCode = EXIT_CODES.rows_rejected;
    }
  },
});

function parseSourceOrFail(text: string): SourceName {
  if ((SOURCE_NAMES as readonly string[]).includes(text)) return text as SourceName;

  throw new CsopsError(
    "usage",
    `--source "${text}" is not a source csops syncs; expected one of ${SOURCE_NAMES.join(", ")}`,
  );
}

/** Nothing to sync is a mistake worth saying at once, with what to set. */
function failWithoutConnection(only: readonly SourceName[] | undefined): void {
  const connections = readSourceConnections(process.env);
  const asked = only ?? SOURCE_NAMES;
  const missing = asked.filter((source) => "notConfigured" in connections[source]);
  if (missing.length < asked.length) return;

  const variables = missing.map((source) => SOURCE_VARIABLES[source].secret).join(", ");
  throw new CsopsError(
    "usage",
    `nothing to sync: set ${missing.length > 1 ? "one of " : ""}${variables} ` +
      "(csops fake-apis serves all three locally, to try it without accounts)",
  );
}
