import { isCalendarDate } from "../domain/dates.js";
import { CsopsError } from "../errors.js";
import { readFileHeadOrFail } from "./file-head.js";
import { unsupportedError } from "./find-unsupported.js";
import { readImportSettingsOrFail } from "./import-settings.js";
import { openDelimitedExportOrFail } from "./open-delimited-export.js";
import { openJsonExportOrFail } from "./open-json-export.js";
import type { OpenedExport, OpenExportOptions } from "./opened-export.js";

/**
 * Opens an export of HubSpot, Stripe or Matomo and tells what it is from its content: the
 * format (CSV, TSV or JSON), the kind and the preset its columns match. A file that cannot be
 * read, decoded or recognised, or that lacks a required column, is refused whole with a
 * `CsopsError` naming the file and what is wrong; bad rows come out of `rows` as problems.
 */
export async function openExportOrFail(
  file: string,
  options: OpenExportOptions,
): Promise<OpenedExport> {
  if (options.exportedOn !== undefined && !isCalendarDate(options.exportedOn)) {
    throw new CsopsError(
      "usage",
      `--as-of "${options.exportedOn}" is not a date; expected YYYY-MM-DD`,
    );
  }
  const settings = readImportSettingsOrFail(options.config);
  const head = await readFileHeadOrFail(file, options.encoding);

  const start = head.text.trimStart().charAt(0);
  if (start === "<") {
    throw unsupportedError(file, {
      what: "XML output (as Matomo's API writes with format=XML)",
      instead: "export with format=CSV, TSV or JSON instead",
    });
  }
  if (start === "{" || start === "[") return openJsonExportOrFail(file, head, settings, options);

  return openDelimitedExportOrFail(file, head, settings, options);
}
