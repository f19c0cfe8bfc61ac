/**
 * How each vendor quotes a CSV cell. HubSpot's UI export quotes every value; Stripe's Dashboard
 * quotes only what needs it; Matomo quotes what holds a quote, comma or semicolon, and guards
 * text that a spreadsheet would run as a formula.
 */

/** `"a","b"`: every value quoted, quotes doubled. */
export function joinQuotedCells(values: readonly string[]): string {
  return values.map((value) => `"${value.replaceAll('"', '""')}"`).join(",");
}

/** `a,"b, c"`: quoted only when the value holds a comma, a quote or a line break. */
export function joinCells(values: readonly string[]): string {
  let line = quoteWhenNeeded(values[0] ?? "");
  for (let at = 1; at < values.length; at += 1) line += `,${quoteWhenNeeded(values[at] ?? "")}`;

  return line;
}

/**
 * A Matomo text cell. Matomo prefixes `'` to text starting with `=`, `+`, `-` or `@` so that a
 * spreadsheet does not run it as a formula, and quotes text holding `"`, `,` or `;`.
 */
export function formatMatomoText(value: string): string {
  const first = value.charCodeAt(0);
  const guarded =
    (first === 61 || first === 43 || first === 45 || first === 64) && !isNumeric(value)
      ? `'${value}`
      : value;

  return MATOMO_SPECIAL.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

function quoteWhenNeeded(value: string): string {
  return CSV_SPECIAL.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const MATOMO_SPECIAL = /[",;]/;
const CSV_SPECIAL = /[",\r\n]/;

function isNumeric(value: string): boolean {
  return /^[-+]?\d+(\.\d+)?$/.test(value);
}
