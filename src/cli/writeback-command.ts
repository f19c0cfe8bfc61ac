import { defineCommand } from "citty";

import { CsopsError } from "../errors.js";
import { readSourceConnections } from "../services/read-source-connections.js";
import { writeBackToHubspot } from "../services/write-back-to-hubspot.js";
import { resolveDateOrFail } from "./as-of-arg.js";
import { CONTEXT_ARGS, nowInSeconds, withCommandContext } from "./command-context.js";
import { EXIT_CODES } from "./exit-codes.js";
import { formatWriteBack } from "./format-run-extras.js";

export default defineCommand({
  meta: {
    name: "writeback",
    description:
      "Write csops into HubSpot now: segments, open tasks, completed tasks and outcome notes",
  },
  args: {
    date: {
      type: "string",
      description: "write the segments decided on this date, YYYY-MM-DD (default: today)",
    },
    json: { type: "boolean", description: "print the report as JSON", default: false },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const report = await withCommandContext(args, async (context) => {
      failUnlessWriteBackIsOn(context.config.hubspot_write_back.enabled);
      const date = resolveDateOrFail(args.date, context.config.time_zone, "--date");

      return writeBackToHubspot({ ...context, env: process.env, now: nowInSeconds, date });
    });

    process.stdout.write(
      args.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${formatWriteBack(report).join("\n")}\n`,
    );
    if (report.failed.length > 0) process.exitCode = EXIT_CODES.source_unavailable;
  },
});

/** Opt-in, and needs a token: say what to set rather than report a failure per item. */
function failUnlessWriteBackIsOn(enabled: boolean): void {
  if (!enabled) {
    throw new CsopsError(
      "usage",
      "the HubSpot write-back is off: set `hubspot_write_back: { enabled: true }` in " +
        "csops.config.yaml to turn it on",
    );
  }
  const hubspot = readSourceConnections(process.env).hubspot;
  if ("notConfigured" in hubspot || "invalid" in hubspot) {
    const reason = "notConfigured" in hubspot ? hubspot.notConfigured : hubspot.invalid;
    throw new CsopsError(
      "usage",
      `cannot write to HubSpot: ${reason} (csops fake-apis serves a fake HubSpot to try it)`,
    );
  }
}
