const EQUALS = 61;
const PLUS = 43;
const MINUS = 45;
const AT = 64;
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

/**
 * A text cell as Matomo's CSV renderer writes it: text starting with `=`, `+`, `-` or `@` gets
 * a `'` in front so that a spreadsheet does not run it as a formula, unless it is a number
 * (VENDOR-NOTES §3.6). csv-stringify's own `escape_formulas` guards more than Matomo does
 * (`+5`, a tab), so the demo keeps Matomo's rule. It runs on every text cell of the visits
 * log, so the first character is checked before anything else.
 */
export function guardMatomoFormula(value: string): string {
  const first = value.charCodeAt(0);
  if (first !== EQUALS && first !== PLUS && first !== MINUS && first !== AT) return value;

  return NUMBER.test(value) ? value : `'${value}`;
}
