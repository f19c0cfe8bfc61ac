import type { SourceKind } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { readWholeTextOrFail, type FileHead } from "./file-head.js";
import { unsupportedError } from "./find-unsupported.js";
import { findUnsupportedJson } from "./find-unsupported-json.js";
import type { ImportSettings } from "./import-settings.js";
import { isJsonObject } from "./json-object.js";
import type { ExportRow, ExportSummary, OpenedExport, OpenExportOptions } from "./opened-export.js";
import { presetTablesOrFail } from "./preset-tables.js";
import { readMatomoJson } from "./read-matomo-json.js";
import { readStripeJsonOrFail } from "./read-stripe-json.js";
import { describeKinds } from "./recognise-export.js";

/**
 * Opens a JSON export, parsed whole: Stripe API objects (one, an array, or a list object
 * `{"object":"list","data":[…]}`) or Matomo's visits log (an array of visits with their
 * `actionDetails`). Other Stripe and Matomo JSON is refused with the reason.
 */
export async function openJsonExportOrFail(
  file: string,
  head: FileHead,
  settings: ImportSettings,
  options: OpenExportOptions,
): Promise<OpenedExport> {
  const { text, sha256 } = await readWholeTextOrFail(file, head.plan);
  const data = parseJsonOrFail(file, text, settings);
  const elements = elementsOf(data);
  const first = elements.find(isJsonObject);
  const opened = { file, sha256 };

  if (first === undefined) {
    if (elements.length > 0 || options.kind === undefined) {
      throw unknownJsonError(file, "it holds no objects", settings);
    }
    const preset = options.kind === "matomo_visits" ? "matomo_api" : "stripe_api";
    return openedJson({ ...opened, kind: options.kind, preset, readRows: () => [] });
  }
  const unsupported = findUnsupportedJson(data, first);
  if (unsupported) throw unsupportedError(file, unsupported);

  if (first.idVisit !== undefined) {
    if (options.kind !== undefined && options.kind !== "matomo_visits") {
      const message = `${file}: --source ${options.kind} was given, but this JSON holds Matomo visits`;
      throw new CsopsError("import_unsupported", message);
    }
    const visits = readMatomoJson(file, elements, settings);
    return openedJson({ ...opened, kind: "matomo_visits", preset: "matomo_api", ...visits });
  }
  if (typeof first.object === "string") {
    const objects = readStripeJsonOrFail(file, elements, settings, options.kind);
    return openedJson({ ...opened, preset: "stripe_api", ...objects });
  }

  throw unknownJsonError(
    file,
    "its objects are neither Stripe objects nor Matomo visits",
    settings,
  );
}

function openedJson(parts: {
  file: string;
  sha256: string;
  kind: SourceKind;
  preset: "stripe_api" | "matomo_api";
  readRows: () => ExportRow[];
  finish?: () => Omit<ExportSummary, "rowsRead">;
}): OpenedExport {
  let summary: ExportSummary | undefined;

  return {
    file: parts.file,
    kind: parts.kind,
    preset: parts.preset,
    format: "json",
    sha256: parts.sha256,
    rows: {
      [Symbol.asyncIterator]: async function* () {
        const rows = parts.readRows();
        yield* rows;
        const rowsRead = new Set(rows.map((row) => row.line)).size;
        summary = { rowsRead, ...parts.finish?.() };
      },
    },
    summary() {
      if (summary === undefined) {
        throw new Error("the summary is known once the rows have been read");
      }
      return summary;
    },
  };
}

function parseJsonOrFail(file: string, text: string, settings: ImportSettings): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw unknownJsonError(file, `it is not valid JSON (${(error as Error).message})`, settings);
  }
}

/** A list object's `data`, an array's elements, or the one object. */
function elementsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (isJsonObject(data) && data.object === "list" && Array.isArray(data.data)) return data.data;

  return [data];
}

function unknownJsonError(file: string, reason: string, settings: ImportSettings): CsopsError {
  return new CsopsError(
    "import_unknown_kind",
    `${file}: cannot read this JSON: ${reason}; expected Stripe API objects (customer, ` +
      "subscription, invoice or charge: one, an array or a list) or Matomo visits " +
      "(Live.getLastVisitsDetails as JSON). CSV exports may be " +
      describeKinds(presetTablesOrFail(settings)),
  );
}
