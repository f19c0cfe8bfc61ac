import { defineCommand } from "citty";

import { explainCustomer } from "../services/explain-customer.js";
import { resolveDateOrFail } from "./as-of-arg.js";
import { CONTEXT_ARGS, withCommandContext } from "./command-context.js";
import { formatExplanation } from "./format-explanation.js";

export default defineCommand({
  meta: {
    name: "explain",
    description: "One customer's facts, decision and reasons, tasks, outcomes and segment history",
  },
  args: {
    customer: {
      type: "positional",
      description: "HubSpot company id, name, or a unique part of the name",
      required: true,
    },
    date: { type: "string", description: "as of this day, YYYY-MM-DD (default: today)" },
    json: { type: "boolean", description: "print everything as JSON", default: false },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    await withCommandContext(args, async (context) => {
      const timeZone = context.config.time_zone;
      const date = resolveDateOrFail(args.date, timeZone, "--date");
      // Names have spaces: `csops explain Derras Real Estate` works without quotes too.
      const customer = args._.length > 0 ? args._.join(" ") : args.customer;
      const explained = await explainCustomer(customer, date, context);

      process.stdout.write(
        args.json
          ? `${JSON.stringify(explained, null, 2)}\n`
          : formatExplanation(explained, context.rules, timeZone),
      );
    });
  },
});
