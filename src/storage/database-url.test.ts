import { describe, expect, it } from "vitest";

import { CsopsError } from "../errors.js";
import { maskDatabaseUrl, parseDatabaseUrl } from "./database-url.js";

const CWD = "/srv/csops";

describe("parseDatabaseUrl", () => {
  it.each([
    [undefined, { dialect: "sqlite", file: "/srv/csops/data/csops.sqlite", isDefault: true }],
    ["", { dialect: "sqlite", file: "/srv/csops/data/csops.sqlite", isDefault: true }],
    ["  ", { dialect: "sqlite", file: "/srv/csops/data/csops.sqlite", isDefault: true }],
    ["sqlite:csops.db", { dialect: "sqlite", file: "/srv/csops/csops.db", isDefault: false }],
    [
      "sqlite:./var/x.sqlite",
      { dialect: "sqlite", file: "/srv/csops/var/x.sqlite", isDefault: false },
    ],
    [
      "sqlite:../shared/x.sqlite",
      { dialect: "sqlite", file: "/srv/shared/x.sqlite", isDefault: false },
    ],
    [
      "sqlite:/var/lib/csops.sqlite",
      { dialect: "sqlite", file: "/var/lib/csops.sqlite", isDefault: false },
    ],
    ["sqlite::memory:", { dialect: "sqlite", file: ":memory:", isDefault: false }],
  ])("reads %j as a SQLite file", (url, expected) => {
    expect(parseDatabaseUrl(url, CWD)).toEqual(expected);
  });

  it.each([
    ["postgres://csops:pw@db.internal:6432/csops", "db.internal:6432/csops"],
    ["postgresql://csops@db.internal/csops", "db.internal:5432/csops"],
    ["POSTGRES://127.0.0.1/test", "127.0.0.1:5432/test"],
    ["postgres://u@/csops?host=/var/run/postgresql", "/var/run/postgresql:5432/csops"],
  ])("reads %s as PostgreSQL at %s, keeping the URL for pg", (url, location) => {
    expect(parseDatabaseUrl(url, CWD)).toEqual({
      dialect: "postgres",
      connectionString: url,
      location,
    });
  });

  it.each([
    "mysql://root:hunter2@localhost/csops",
    "sqlite:",
    "sqlite://data/csops.sqlite",
    "./data/csops.sqlite",
    "file:csops.sqlite",
    "postgres://h:notaport/db",
  ])("refuses %s naming the accepted forms", (url) => {
    const error = catchError(() => parseDatabaseUrl(url, CWD));
    expect(error).toBeInstanceOf(CsopsError);
    expect(error).toMatchObject({ code: "config_invalid" });
    expect(error.message).toContain("sqlite:PATH");
    expect(error.message).toContain("postgres://");
  });

  it("never shows the password of a refused URL", () => {
    for (const url of [
      "mysql://root:hunter2@localhost/csops",
      "mysql://root:hun@ter/2@localhost/csops",
      "postgres://user:hunter2@[::1/csops",
      "redis://localhost/0?password=hunter2",
    ]) {
      const error = catchError(() => parseDatabaseUrl(url, CWD));
      expect(error).toMatchObject({ code: "config_invalid" });
      expect(error.message).not.toContain("hunter2");
      expect(error.message).not.toContain("hun@ter");
      expect(JSON.stringify(error)).not.toContain("hunter2");
      expect(error.cause).toBeUndefined();
    }
  });
});

describe("maskDatabaseUrl", () => {
  it.each([
    ["postgres://csops:s3cret@db:5432/csops", "postgres://csops:***@db:5432/csops"],
    ["postgres://csops:p%40ss@db/csops", "postgres://csops:***@db/csops"],
    ["postgres://csops@db/csops", "postgres://csops@db/csops"],
    [
      "postgres://db/csops?user=csops&password=s3cret",
      "postgres://db/csops?user=csops&password=***",
    ],
    ["sqlite:./data/csops.sqlite", "sqlite:./data/csops.sqlite"],
    // Mistyped: nothing before the `@` is shown.
    ["postgres//u:Sup3rS3cretPW@h/db", "***@h/db"],
    ["postgres:/u:Sup3rS3cretPW@h/db", "***@h/db"],
    ["postgres:u:p@ss@h/db", "***@h/db"],
  ])("masks %s as %s", (url, masked) => {
    expect(maskDatabaseUrl(url)).toBe(masked);
  });
});

function catchError(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected an error");
}
