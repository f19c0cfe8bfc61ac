/**
 * Reading one cell: a parser gets the cell's trimmed, non-empty text (an empty cell is
 * unknown and never reaches it) and returns the value or what it expected instead.
 */
export type Parsed<T> = { value: T } | { expected: string };
export type CellParser<T> = (text: string) => Parsed<T>;

/** `1.23457E+11`: what a spreadsheet writes for a long number it has rounded. */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;

export const SPREADSHEET_ID =
  "an id as text; this one was turned into a number in scientific notation by a spreadsheet " +
  "and its digits are lost: export the file again and do not save it from a spreadsheet";

export const textCell: CellParser<string> = (text) => ({ value: text });

/** Any id (Stripe's `cus_…`, a Matomo user id): text, never a number a spreadsheet rounded. */
export const idCell: CellParser<string> = (text) =>
  SCIENTIFIC.test(text) ? { expected: SPREADSHEET_ID } : { value: text };

/** A HubSpot record id: digits only, kept as text (11–12 digits overflow spreadsheets). */
export const hubspotIdCell: CellParser<string> = (text) => {
  if (SCIENTIFIC.test(text)) return { expected: SPREADSHEET_ID };

  return /^\d+$/.test(text) ? { value: text } : { expected: "a HubSpot record id (digits)" };
};

/** Several HubSpot ids in one cell, as exports write associations: `123;456`. */
export const hubspotIdListCell: CellParser<string[]> = (text) => {
  const ids = text
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
  for (const id of ids) {
    const parsed = hubspotIdCell(id);
    if ("expected" in parsed) {
      return { expected: `HubSpot record ids (digits) separated by ";": ${parsed.expected}` };
    }
  }

  return { value: [...new Set(ids)] };
};

export const countCell: CellParser<number> = (text) =>
  /^\d+$/.test(text) && Number.isSafeInteger(Number(text))
    ? { value: Number(text) }
    : { expected: "a whole number, 0 or more" };

const BOOLEANS = new Map([
  ["true", true],
  ["yes", true],
  ["false", false],
  ["no", false],
]);

export const booleanCell: CellParser<boolean> = (text) => {
  const value = BOOLEANS.get(text.toLowerCase());

  return value === undefined ? { expected: "true or false (or yes or no)" } : { value };
};

/**
 * A cell whose text names one of a few values, in any case and with spaces or underscores
 * alike (`Past due`, `past_due`).
 */
export function choiceCell<T>(choices: Record<string, T>, expected: string): CellParser<T> {
  const byKey = new Map(Object.entries(choices).map(([key, value]) => [keyOf(key), value]));

  return (text) => {
    const value = byKey.get(keyOf(text));
    return value === undefined ? { expected } : { value };
  };
}

function keyOf(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, "_");
}
