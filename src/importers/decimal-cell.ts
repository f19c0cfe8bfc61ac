import type { CellParser, Parsed } from "./cell-value.js";

/** An amount as written, kept exact: integer digits and fraction digits. */
export interface Decimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

const AMOUNT_FORM = "an amount such as 1234.56, 1,234.56, 1.234,56 or 1234,56";

/**
 * An amount in major units, with a decimal point or a decimal comma. The separators are told
 * apart by what follows them, since money has two decimals: with both present the last is the
 * decimal mark; a lone separator followed by one or two digits is the decimal mark; one
 * followed by groups of exactly three digits groups thousands (`1,234` and `1.234` are 1234).
 * Spaces (also no-break spaces) and apostrophes group thousands too.
 */
export const decimalCell: CellParser<Decimal> = (text) => {
  const negative = text.startsWith("-");
  const body = (negative ? text.slice(1) : text).replace(/[\s\u00a0\u202f']/g, "");
  if (!/^\d[\d.,]*$/.test(body)) return { expected: AMOUNT_FORM };

  const decimalMark = findDecimalMark(body);
  const [integerPart = "", fraction = ""] =
    decimalMark === undefined ? [body] : splitAt(body, body.lastIndexOf(decimalMark));
  const grouping = decimalMark === "." ? "," : ".";
  const groups = integerPart.split(decimalMark === undefined ? /[.,]/ : grouping);
  const separators = new Set(integerPart.replace(/\d/g, ""));
  const grouped = groups.length === 1 || isThousandGroups(groups);
  if (!grouped || separators.size > 1 || (decimalMark && integerPart.includes(decimalMark))) {
    return { expected: AMOUNT_FORM };
  }

  return { value: { negative, integer: groups.join("").replace(/^0+(?=\d)/, ""), fraction } };
};

function findDecimalMark(body: string): "." | "," | undefined {
  const dot = body.lastIndexOf(".");
  const comma = body.lastIndexOf(",");
  if (dot >= 0 && comma >= 0) return dot > comma ? "." : ",";
  const last = Math.max(dot, comma);
  if (last < 0) return undefined;
  const mark = body.charAt(last) as "." | ",";
  const isLone = body.indexOf(mark) === last;
  const digitsAfter = body.length - last - 1;

  return isLone && digitsAfter !== 3 ? mark : undefined;
}

function splitAt(body: string, index: number): [string, string] {
  return [body.slice(0, index), body.slice(index + 1)];
}

function isThousandGroups(groups: string[]): boolean {
  const [first = "", ...rest] = groups;

  return /^\d{1,3}$/.test(first) && rest.every((group) => /^\d{3}$/.test(group));
}

/** Currencies whose minor unit is not a hundredth (Stripe's list of zero- and three-decimal). */
const ZERO_DECIMAL = new Set(
  "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split(" "),
);
const THREE_DECIMAL = new Set("bhd jod kwd omr tnd".split(" "));

/** An amount in major units as an integer count of the currency's minor units (`149.00` → 14900). */
export function toMinorUnits(amount: Decimal, currency: string | undefined): Parsed<number> {
  const code = (currency ?? "").toLowerCase();
  const exponent = ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
  const extra = amount.fraction.slice(exponent);
  if (/[1-9]/.test(extra)) {
    return {
      expected: `an amount with at most ${exponent} decimals in ${code || "this currency"}`,
    };
  }
  const digits = `${amount.integer}${amount.fraction.slice(0, exponent).padEnd(exponent, "0")}`;
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return { expected: AMOUNT_FORM };

  return { value: amount.negative && minor !== 0 ? -minor : minor };
}
