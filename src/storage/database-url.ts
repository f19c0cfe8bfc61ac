import { isAbsolute, resolve } from "node:path";

import pg from "pg";

import { CsopsError } from "../errors.js";

/** Where the data lives, as `DATABASE_URL` chose it. */
export type DatabaseTarget =
  | {
      dialect: "sqlite";
      /** An absolute path, or `:memory:`. */
      file: string;
      /** No `DATABASE_URL` was given: the file is `<cwd>/data/csops.sqlite`. */
      isDefault: boolean;
    }
  | {
      dialect: "postgres";
      connectionString: string;
      /** `host:port/database`, for messages: never the user's password. */
      location: string;
    };

export const DEFAULT_SQLITE_FILE = "data/csops.sqlite";

const ACCEPTED_FORMS =
  "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or postgresql://…), " +
  "sqlite:PATH (relative to the working directory) or sqlite::memory:";

/**
 * Reads `DATABASE_URL`: a PostgreSQL URL, `sqlite:PATH` (relative to `cwd`), `sqlite::memory:`,
 * or nothing for `<cwd>/data/csops.sqlite`. Anything else is a `config_invalid` error that names
 * the accepted forms and shows the URL with its password masked.
 */
export function parseDatabaseUrl(url: string | undefined, cwd: string): DatabaseTarget {
  const text = url?.trim() ?? "";
  if (text === "") {
    return { dialect: "sqlite", file: resolve(cwd, DEFAULT_SQLITE_FILE), isDefault: true };
  }
  if (/^postgres(ql)?:\/\//i.test(text)) return parsePostgresUrl(text);

  if (/^sqlite:/i.test(text)) {
    const path = text.slice("sqlite:".length);
    if (path === ":memory:") return { dialect: "sqlite", file: ":memory:", isDefault: false };
    // `sqlite://x` means a host in URL terms and a path in some tools: too ambiguous to guess.
    if (path !== "" && !path.startsWith("//")) {
      return {
        dialect: "sqlite",
        file: isAbsolute(path) ? path : resolve(cwd, path),
        isDefault: false,
      };
    }
  }

  throw new CsopsError(
    "config_invalid",
    `DATABASE_URL "${maskDatabaseUrl(text)}" is not a database csops can use: write ${ACCEPTED_FORMS}`,
  );
}

function parsePostgresUrl(text: string): DatabaseTarget {
  // pg's own parser, so the location named in messages is the one pg will connect to (it also
  // reads socket hosts, `?host=`, and PGHOST/PGPORT for what the URL leaves out).
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: text });
  } catch {
    // No `cause`: the URL parser's error carries the input, password included.
    throw new CsopsError(
      "config_invalid",
      `DATABASE_URL "${maskDatabaseUrl(text)}" is not a valid URL: write ${ACCEPTED_FORMS}`,
    );
  }
  const database = client.database === undefined ? "" : `/${client.database}`;

  return {
    dialect: "postgres",
    connectionString: text,
    location: `${client.host}:${client.port}${database}`,
  };
}

/**
 * The URL with its password (in the user-info part or a `password=` parameter) replaced by
 * `***`, for messages and logs. Works on text that is not a valid URL too.
 */
export function maskDatabaseUrl(text: string): string {
  // Up to the last `@`: an unencoded `@` or `/` in a password must not leave a piece of it.
  const masked = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):.*@/i, "$1:***@")
    : // Mistyped (`postgres//u:pw@h`, `postgres:/u:pw@h`): whatever comes before an `@` may be a
      // password, so none of it is shown.
      text.replace(/^.*@/, "***@");

  return masked.replace(/([?&]password=)[^&#]*/gi, "$1***");
}
