import { defineCommand } from "citty";

import { isCalendarDate } from "../domain/dates.js";
import { SOURCE_KINDS, type SourceKind } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { importExports } from "../services/import-exports.js";
import { CONTEXT_ARGS, nowInSeconds, withCommandContext } from "./command-context.js";
import { EXIT_CODES } from "./exit-codes.js";
import { formatImportOutcomes } from "./format-import-outcomes.js";

export default defineCommand({
  meta: {
    name: "import",
    description: "Import HubSpot, Stripe and Matomo export files or folders into the store",
  },
  args: {
    paths: {
      type: "positional",
      description: "export files or folders",
      required: true,
    },
    source: {
      type: "string",
      description: `read every file as this kind: ${SOURCE_KINDS.join(", ")}`,
    },
    encoding: {
      type: "string",
      description: "encoding of files without a byte-order mark that are not UTF-8 (windows-1252)",
    },
    "exported-on": {
      type: "string",
      description: "day per-user Matomo aggregates were exported (default: the file's date)",
    },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const paths = args._.length > 0 ? args._ : [args.paths];
    const kind = parseKindOrFail(args.source);
    const exportedOn = args["exported-on"];
    if (exportedOn !== undefined && !isCalendarDate(exportedOn)) {
      throw new CsopsError(
        "usage",
        `--exported-on "${exportedOn}" is not a date; expected YYYY-MM-DD`,
      );
    }

    const { outcomes, sourcesPreset } = await withCommandContext(args, async (context) => ({
      outcomes: await importExports(paths, {
        ...context,
        now: nowInSeconds,
        kind,
        encoding: args.encoding,
        exportedOn,
      }),
      sourcesPreset: context.config.sources.preset,
    }));

    process.stdout.write(formatImportOutcomes(outcomes, sourcesPreset));
    if (outcomes.some((o) => o.status === "refused" || o.status === "failed")) {
      process.exitCode = EXIT_CODES.file_unreadable;
    } else if (outcomes.some((o) => o.rowsRejected > 0)) {
      process.exitCode = EXIT_CODES.rows_rejected;
    }
  },
});

function parseKindOrFail(source: string | undefined): SourceKind | undefined {
  if (source === undefined) return undefined;
  if ((SOURCE_KINDS as readonly string[]).includes(source)) return source as SourceKind;

  throw new CsopsError(
    "usage",
    `--source "${source}" is not a kind csops reads; expected one of ${SOURCE_KINDS.join(", ")}`,
  );
}
