import { isCalendarDate } from "../domain/dates.js";
import type { CustomerFacts, LastLogin } from "../domain/facts.js";

/** The columns of a facts file, as `csops facts` writes and `csops evaluate` reads them. */
export const FACT_COLUMNS = [
  "customer_id",
  "name",
  "plan",
  "contract_end_date",
  "account_start_date",
  "support_tickets",
  "payment_failed",
  "last_login_date",
  "logins_30d",
  "features_used_30d",
] as const;

export type FactColumn = (typeof FACT_COLUMNS)[number];

/** One cell's value, or what the column expected instead. */
type Parsed<T> = { value: T | undefined } | { expected: string };

export interface CellError {
  column: FactColumn;
  value: string;
  expected: string;
}

/**
 * Turns one row of cells into a customer's facts. An empty cell is unknown. Every cell that is
 * not what its column needs is returned as an error; the row is then not evaluated.
 */
export function parseFactsRow(
  cells: Record<FactColumn, string>,
): { facts: CustomerFacts } | { errors: CellError[] } {
  const errors: CellError[] = [];
  const take = <T>(column: FactColumn, parse: (text: string) => Parsed<T>): T | undefined => {
    const text = cells[column];
    if (text === "") return undefined;
    const parsed = parse(text);
    if ("expected" in parsed) {
      errors.push({ column, value: text, expected: parsed.expected });
      return undefined;
    }
    return parsed.value;
  };

  const customerId = cells.customer_id;
  if (customerId === "") errors.push({ column: "customer_id", value: "", expected: "an id" });

  const facts: CustomerFacts = {
    customerId,
    name: cells.name,
    plan: cells.plan === "" ? undefined : cells.plan,
    contractEndDate: take("contract_end_date", parseDate),
    accountStartDate: take("account_start_date", parseDate),
    supportTickets: take("support_tickets", parseCount),
    paymentFailed: take("payment_failed", parseBoolean),
    lastLogin: take("last_login_date", parseLastLogin),
    logins30d: take("logins_30d", parseCount),
    featuresUsed30d: take("features_used_30d", parseCount),
  };
  errors.push(...contradictionsOf(facts, cells));

  return errors.length > 0 ? { errors } : { facts };
}

function parseDate(text: string): Parsed<string> {
  return isCalendarDate(text) ? { value: text } : { expected: "a date YYYY-MM-DD" };
}

function parseCount(text: string): Parsed<number> {
  return /^\d+$/.test(text) && Number.isSafeInteger(Number(text))
    ? { value: Number(text) }
    : { expected: "a whole number, 0 or more" };
}

function parseBoolean(text: string): Parsed<boolean> {
  const lower = text.toLowerCase();
  if (lower === "true") return { value: true };
  if (lower === "false") return { value: false };

  return { expected: "true or false" };
}

function parseLastLogin(text: string): Parsed<LastLogin> {
  if (text.toLowerCase() === "never") return { value: { kind: "never" } };
  if (isCalendarDate(text)) return { value: { kind: "date", date: text } };
  const bound = text.startsWith("<") ? text.slice(1).trim() : undefined;
  if (bound !== undefined && isCalendarDate(bound)) {
    return { value: { kind: "none_since", date: bound } };
  }

  return {
    expected: "a date YYYY-MM-DD, <YYYY-MM-DD (no login since), or never",
  };
}

/** A customer that never logged in cannot have logins or features to its name. */
function contradictionsOf(facts: CustomerFacts, cells: Record<FactColumn, string>): CellError[] {
  if (facts.lastLogin?.kind !== "never") return [];
  const counts = [
    ["logins_30d", facts.logins30d],
    ["features_used_30d", facts.featuresUsed30d],
  ] as const;

  return counts
    .filter(([, count]) => count !== undefined && count > 0)
    .map(([column]) => ({
      column,
      value: cells[column],
      expected: "0 or empty, since last_login_date is never",
    }));
}
