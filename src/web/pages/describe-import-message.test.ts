import { describe, expect, it } from "vitest";

import { describeImportMessage } from "./describe-import-message.js";

const FILE = "/srv/csops/data/uploads/1796403798-39ed3bb5/1/wrong columns.csv";

describe("describeImportMessage", () => {
  it.each([
    [
      `${FILE}: cannot tell which export this is from its columns ("a", "b"); expected HubSpot ` +
        "companies (Record ID). Name the kind with --source if it is one of these",
      'wrong columns.csv: cannot tell which export this is from its columns ("a", "b"); ' +
        "expected HubSpot companies (Record ID). If it is one of these, choose its kind above " +
        "and import it again",
    ],
    [
      `${FILE}: not valid UTF-8 at byte 20; if the file was saved in another encoding, name it ` +
        "with --encoding (for example --encoding windows-1252)",
      "wrong columns.csv: not valid UTF-8 at byte 20; if the file was saved in another " +
        "encoding, enter it under Encoding above and import it again (for example windows-1252)",
    ],
    [
      `${FILE}: --source stripe_invoices was given, but this JSON holds Stripe objects`,
      'wrong columns.csv: the kind "stripe_invoices" was chosen, but this JSON holds Stripe ' +
        "objects",
    ],
    [
      "--encoding latin-9x is not an encoding csops knows; try utf-8, windows-1252",
      '"latin-9x" is not an encoding csops knows; try utf-8, windows-1252',
    ],
    [
      "the same bytes were imported before (import 3); nothing changed",
      "the same bytes were imported before (import 3); nothing changed",
    ],
  ])("%j reads %j", (message, shown) => {
    expect(describeImportMessage(message, FILE)).toBe(shown);
  });
});
