import { defineCommand } from "citty";

import { createLogger } from "../logger.js";
import { runDay } from "../services/run-day.js";
import { CONTEXT_ARGS, nowInSeconds, withCommandContext } from "./command-context.js";
import { SERVE_ARGS, parsePortOrFail, serveWebApp } from "./serve-web-app.js";

export default defineCommand({
  meta: {
    name: "serve",
    description:
      "Serve the web app (and GET /health) and run the daily run on schedule (09:00 team time)",
  },
  args: {
    ...SERVE_ARGS,
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const port = parsePortOrFail(args.port ?? process.env.PORT ?? "3000");
    const host = args.host ?? process.env.HOST ?? "127.0.0.1";

    await withCommandContext(args, async (context) => {
      const logger = createLogger(process.env, "info");
      await serveWebApp(context, {
        port,
        host,
        logger,
        runDate: (date, trigger) =>
          runDay(date, { ...context, logger, trigger, now: nowInSeconds, env: process.env }),
      });
    });
  },
});
