import { pino, type Logger } from "pino";

export type { Logger };

/**
 * The one logger: structured JSON lines on stderr, so a command's stdout stays its answer.
 * `CSOPS_LOG_LEVEL` sets the level (`silent` turns it off); commands that print their own
 * summary default to `warn`, the service to `info`. Secrets are never
 * passed to it; the redact list is a second guard for fields that could carry one.
 */
export function createLogger(
  env: NodeJS.ProcessEnv = process.env,
  defaultLevel: "info" | "warn" = "info",
): Logger {
  return pino(
    {
      level: env.CSOPS_LOG_LEVEL ?? defaultLevel,
      base: { app: "csops" },
      redact: {
        paths: ["token", "password", "authorization", "*.token", "*.password", "*.authorization"],
        censor: "[secret]",
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}

/** A logger that writes nothing, for tests and for commands whose output is the log. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
