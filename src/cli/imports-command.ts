import { defineCommand } from "citty";

import { CsopsError } from "../errors.js";
import { formatDueTime } from "../wording/format-days.js";
import { CONTEXT_ARGS, withCommandContext } from "./command-context.js";

export default defineCommand({
  meta: {
    name: "imports",
    description: "List recent imports, or every rejected row of one import",
  },
  args: {
    id: { type: "positional", description: "an import's id", required: false },
    limit: { type: "string", description: "how many imports to list", default: "20" },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const text = await withCommandContext(args, async ({ store, config }) => {
      if (args.id === undefined) {
        const imports = await store.listImports({ limit: Number(args.limit) || 20 });
        return imports
          .map(
            (entry) =>
              `${String(entry.id).padStart(5)}  ` +
              `${formatDueTime(entry.startedAt, config.time_zone).padEnd(16)}  ` +
              `${entry.status.padEnd(9)}  ${(entry.kind ?? "-").padEnd(22)}  ` +
              `${entry.rowsImported}/${entry.rowsRead} rows, ${entry.rowsRejected} rejected  ` +
              `${entry.file}${entry.message === undefined ? "" : `: ${entry.message}`}`,
          )
          .join("\n");
      }
      if (!/^\d+$/.test(args.id)) {
        throw new CsopsError("usage", `"${args.id}" is not an import id; expected a number`);
      }
      const [found] = await store.findImports([Number(args.id)]);
      if (found === undefined) {
        throw new CsopsError("import_not_found", `there is no import ${args.id} (csops imports)`);
      }
      const problems = await store.importProblems(found.id);
      if (problems.length === 0) return `import ${args.id} rejected no rows`;
      return problems
        .map(
          (p) =>
            `line ${p.line}${p.column === undefined ? "" : ` ${p.column}`}` +
            `${p.value === undefined ? "" : ` "${p.value}"`}: ${p.message}`,
        )
        .join("\n");
    });

    process.stdout.write(`${text}\n`);
  },
});
