import { stringify } from "csv-stringify/sync";

import type { CustomerFacts, LastLogin } from "../domain/facts.js";
import { FACT_COLUMNS, type FactColumn } from "./parse-fact-value.js";

type FactCells = Record<FactColumn, string | number | boolean | null>;

/**
 * One customer's facts in the columns `csops evaluate` reads; `null` is unknown. The inverse of
 * `parseFactsRow`, so `csops facts --csv > f.csv && csops evaluate --facts f.csv` round-trips.
 */
export function toFactCells(facts: CustomerFacts): FactCells {
  return {
    customer_id: facts.customerId,
    name: facts.name,
    plan: facts.plan ?? null,
    contract_end_date: facts.contractEndDate ?? null,
    account_start_date: facts.accountStartDate ?? null,
    support_tickets: facts.supportTickets ?? null,
    payment_failed: facts.paymentFailed ?? null,
    last_login_date: describeLastLogin(facts.lastLogin),
    logins_30d: facts.logins30d ?? null,
    features_used_30d: facts.featuresUsed30d ?? null,
  };
}

/** Facts as CSV with a header, an empty cell for each unknown. */
export function writeFactsCsv(customers: readonly CustomerFacts[]): string {
  const rows = customers.map((facts) => {
    const cells = toFactCells(facts);
    return FACT_COLUMNS.map((column) => (cells[column] === null ? "" : String(cells[column])));
  });

  return stringify([[...FACT_COLUMNS], ...rows]);
}

/** Facts as a JSON array of objects, `null` for each unknown. */
export function writeFactsJson(customers: readonly CustomerFacts[]): string {
  return `${JSON.stringify(customers.map(toFactCells), null, 2)}\n`;
}

function describeLastLogin(lastLogin: LastLogin | undefined): string | null {
  switch (lastLogin?.kind) {
    case undefined:
      return null;
    case "never":
      return "never";
    case "date":
      return lastLogin.date;
    case "none_since":
      return `<${lastLogin.date}`;
  }
}
