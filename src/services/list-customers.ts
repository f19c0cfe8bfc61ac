import type { Config } from "../config/config-schema.js";
import { addDays } from "../domain/add-days.js";
import { daysBetween, type CalendarDate } from "../domain/dates.js";
import type { Bucket, Rules } from "../domain/rules.js";
import type { CustomerListFilter, CustomerRow } from "../storage/customer-list.js";
import type { Store } from "../storage/store.js";

/**
 * Renewal windows a person filters by: contract end within 30, 60 or 90 days (60 is the rules'
 * Revenue at Risk horizon by default), later than 90 days, already passed, or unknown.
 */
export const RENEWAL_WINDOWS = ["30", "60", "90", "later", "passed", "unknown"] as const;
export type RenewalWindow = (typeof RENEWAL_WINDOWS)[number];

/** What a person asks the customer list for; every part optional. */
export interface CustomerQuery {
  text?: string | undefined;
  segment?: Bucket | "unevaluated" | undefined;
  owner?: string | undefined;
  plan?: string | undefined;
  renewal?: RenewalWindow | undefined;
  status?: "active" | "canceled" | undefined;
  /** 1-based. */
  page?: number | undefined;
}

export interface CustomerListItem extends CustomerRow {
  /** Contract end minus the date; negative once passed. */
  daysToRenewal?: number | undefined;
}

export interface CustomerList {
  date: CalendarDate;
  items: CustomerListItem[];
  total: number;
  page: number;
  pageCount: number;
  /** The choices the filters offer. */
  choices: { owners: string[]; plans: string[]; buckets: Bucket[] };
}

export interface ListCustomersOptions {
  store: Store;
  config: Config;
  rules: Rules;
  pageSize?: number | undefined;
}

const DEFAULT_PAGE_SIZE = 100;

/**
 * The customers matching `query` on `date`, by name, a page at a time: each with the segment
 * the team sees (the decision in force on `date`), CS person, plan, renewal and open tasks.
 */
export async function listCustomers(
  date: CalendarDate,
  query: CustomerQuery,
  options: ListCustomersOptions,
): Promise<CustomerList> {
  const { store, config, rules } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const filter: CustomerListFilter = {
    date,
    text: query.text,
    segment: query.segment,
    owner: query.owner,
    plan: query.plan,
    renewal: query.renewal === undefined ? undefined : renewalRange(query.renewal, date),
    status: query.status,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  let { rows, total } = await store.listCustomerRows(filter);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  // A page past the end (a link kept while the list shrank) shows the last one.
  if (page > pageCount) {
    ({ rows, total } = await store.listCustomerRows({
      ...filter,
      offset: (pageCount - 1) * pageSize,
    }));
  }

  return {
    date,
    items: rows.map((row) => ({
      ...row,
      daysToRenewal:
        row.contractEndDate === undefined ? undefined : daysBetween(date, row.contractEndDate),
    })),
    total,
    page: Math.min(page, pageCount),
    pageCount,
    choices: {
      owners: config.team.cs_people.map((person) => person.name),
      plans: await store.listPlans(),
      buckets: [...rules.precedence, "data_gap", "none"],
    },
  };
}

/** A renewal window as contract end dates, counted from `date`. */
export function renewalRange(
  window: RenewalWindow,
  date: CalendarDate,
): CustomerListFilter["renewal"] {
  switch (window) {
    case "30":
    case "60":
    case "90":
      return { from: date, to: addDays(date, Number(window)) };
    case "later":
      return { from: addDays(date, 91) };
    case "passed":
      return { to: addDays(date, -1) };
    case "unknown":
      return "unknown";
  }
}
