import { defineCommand } from "citty";

import { loadQueue } from "../services/load-queue.js";
import { resolveDateOrFail } from "./as-of-arg.js";
import { CONTEXT_ARGS, describeStoreLocation, withCommandContext } from "./command-context.js";
import { formatQueue, toQueueJson } from "./format-queue.js";

export default defineCommand({
  meta: {
    name: "queue",
    description: "Today's tasks in working order, with counts per action and the week's capacity",
  },
  args: {
    date: { type: "string", description: "the day, YYYY-MM-DD (default: today, team zone)" },
    owner: { type: "string", description: "one CS person's tasks (default: the whole team's)" },
    json: { type: "boolean", description: "print the queue as JSON", default: false },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    await withCommandContext(args, async (context) => {
      const timeZone = context.config.time_zone;
      const date = resolveDateOrFail(args.date, timeZone, "--date");
      const queue = await loadQueue(date, { ...context, owner: args.owner });

      process.stdout.write(
        args.json
          ? `${JSON.stringify(toQueueJson(queue), null, 2)}\n`
          : formatQueue(queue, timeZone),
      );
      // An empty queue from an empty store is most often a store other than the one meant.
      if (queue.items.length === 0 && (await context.store.countCompanies()) === 0) {
        process.stderr.write(
          `The store (${describeStoreLocation()}) holds no customers yet: import exports with ` +
            "csops import, or run npm start for the demo. DATABASE_URL chooses another store.\n",
        );
      }
    });
  },
});
