import type { SourceKind } from "../domain/records.js";
import { CsopsError } from "../errors.js";
import { unsupportedError } from "./find-unsupported.js";
import type { ImportSettings } from "./import-settings.js";
import { isJsonObject } from "./json-object.js";
import type { ExportRow } from "./opened-export.js";
import {
  readStripeObject,
  STRIPE_OBJECT_KINDS,
  type StripeObjectType,
} from "./read-stripe-object.js";

/**
 * The kind of a JSON file of Stripe objects (the first readable object's, or `--source`'s)
 * and its rows. Objects of types csops does not read are problems of their own, unless the
 * file holds nothing else: it is then refused.
 */
export function readStripeJsonOrFail(
  file: string,
  elements: unknown[],
  settings: ImportSettings,
  kindGiven: SourceKind | undefined,
): { kind: SourceKind; readRows: () => ExportRow[] } {
  const types = elements.map(typeOf);
  const firstType = types.find((type) => type !== undefined);
  if (firstType === undefined) {
    const found = [
      ...new Set(elements.map((e) => (isJsonObject(e) ? String(e.object) : typeof e))),
    ];
    throw unsupportedError(file, {
      what: `Stripe ${found.join(", ")} objects`,
      instead: "csops reads Stripe customers, subscriptions, invoices and charges",
    });
  }
  const kind = kindGiven ?? STRIPE_OBJECT_KINDS[firstType];
  if (!Object.values(STRIPE_OBJECT_KINDS).some((known) => known === kind)) {
    throw new CsopsError(
      "import_unsupported",
      `${file}: --source ${kind} was given, but this JSON holds Stripe objects`,
    );
  }

  const readRow = (element: unknown, index: number): ExportRow => {
    const line = index + 1;
    const type = types[index];
    if (type === undefined || (kindGiven !== undefined && STRIPE_OBJECT_KINDS[type] !== kind)) {
      const found = isJsonObject(element) ? `a ${String(element.object)} object` : "no object";
      const wanted = kindGiven ?? "a customer, subscription, invoice or charge";
      return {
        line,
        problems: [{ column: "object", message: `expected ${wanted}, found ${found}` }],
      };
    }
    const read = readStripeObject(type, element as Record<string, unknown>, settings);

    return "problems" in read ? { line, problems: read.problems } : { line, ...read.record };
  };

  return { kind, readRows: () => elements.map(readRow) };
}

function typeOf(element: unknown): StripeObjectType | undefined {
  const type = isJsonObject(element) ? element.object : undefined;

  return typeof type === "string" && type in STRIPE_OBJECT_KINDS
    ? (type as StripeObjectType)
    : undefined;
}
