import type { Generated } from "kysely";

import type { AccountTables } from "./account-tables.js";
import type { WorkflowTables } from "./workflow-tables.js";

/**
 * The tables as the query layer sees them, the same in SQLite and PostgreSQL.
 *
 * Two choices keep one query layer for both databases:
 * - Booleans are integers 0/1. SQLite has no boolean type, and pg would hand back `true`/`false`
 *   where better-sqlite3 hands back 1/0; with integers both return the same values.
 * - Calendar dates are `YYYY-MM-DD` text. SQLite has no date type, and pg turns a `date` column
 *   into a JS `Date` at local midnight, which shifts the day in zones west of UTC. The fixed
 *   format sorts and compares as text, so windows are plain string comparisons in both.
 * Instants are Unix seconds and money is in minor units, both `bigint` columns (pg returns them
 * as numbers through the type parser set in open-database.ts).
 */
export interface StorageTables extends WorkflowTables, AccountTables {
  hubspot_companies: CompanyRow;
  hubspot_tickets: TicketRow;
  hubspot_ticket_companies: TicketCompanyRow;
  hubspot_owners: OwnerRow;
  stripe_customers: StripeCustomerRow;
  stripe_subscriptions: StripeSubscriptionRow;
  stripe_invoices: StripeInvoiceRow;
  stripe_charges: StripeChargeRow;
  matomo_visits: MatomoVisitRow;
  matomo_events: MatomoEventRow;
  matomo_users: MatomoUserRow;
  imports: ImportRow;
  import_problems: ImportProblemRow;
  matomo_coverage: MatomoCoverageRow;
}

/** 0 or 1. */
export type SqlBoolean = number;

/** Every record table says which import last changed each row. */
interface Imported {
  import_id: number;
}

export interface CompanyRow extends Imported {
  company_id: string;
  name: string;
  domain: string | null;
  owner_id: string | null;
  owner_name: string | null;
  plan: string | null;
  contract_end_date: string | null;
  account_start_date: string | null;
  stripe_customer_id: string | null;
  is_deleted: SqlBoolean | null;
  modified_at: number | null;
  ticket_count: number | null;
  payment_failed: SqlBoolean | null;
  last_login_date: string | null;
  logins_30d: number | null;
  features_used_30d: number | null;
}

export interface TicketRow extends Imported {
  ticket_id: string;
  company_id: string | null;
  created_date: string;
  closed_date: string | null;
  is_deleted: SqlBoolean | null;
}

export interface TicketCompanyRow extends Imported {
  ticket_id: string;
  company_id: string;
}

export interface OwnerRow extends Imported {
  owner_id: string;
  name: string;
  email: string | null;
}

export interface StripeCustomerRow extends Imported {
  customer_id: string;
  email: string | null;
  name: string | null;
  hubspot_company_id: string | null;
  created_at: number | null;
  delinquent: SqlBoolean | null;
  is_deleted: SqlBoolean | null;
}

export interface StripeSubscriptionRow extends Imported {
  subscription_id: string;
  customer_id: string;
  status: string;
  start_date: string | null;
  current_period_end: string | null;
  cancel_at_period_end: SqlBoolean | null;
  canceled_at: number | null;
  created_at: number | null;
}

export interface StripeInvoiceRow extends Imported {
  invoice_id: string;
  customer_id: string;
  subscription_id: string | null;
  status: string;
  amount_remaining: number;
  attempted: SqlBoolean;
  attempt_count: number;
  due_date: string | null;
  created_at: number;
}

export interface StripeChargeRow extends Imported {
  charge_id: string;
  customer_id: string | null;
  invoice_id: string | null;
  status: string;
  created_at: number;
  failure_code: string | null;
}

export interface MatomoVisitRow extends Imported {
  visit_id: string;
  user_id: string | null;
  visited_at: number;
  visit_date: string;
}

/** A visit's events, in the order the visit carried them. */
export interface MatomoEventRow {
  visit_id: string;
  position: number;
  category: string;
  action: string;
  name: string | null;
}

export interface MatomoUserRow extends Imported {
  user_id: string;
  exported_on: string;
  last_login_date: string | null;
  logins_30d: number | null;
  features_used_30d: number | null;
}

export interface ImportRow {
  id: Generated<number>;
  source: string | null;
  kind: string | null;
  preset: string | null;
  file: string;
  sha256: string | null;
  started_at: number;
  finished_at: number | null;
  status: string;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  data_as_of: number | null;
  coverage_from: string | null;
  coverage_to: string | null;
  message: string | null;
}

export interface ImportProblemRow {
  id: Generated<number>;
  import_id: number;
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

export interface MatomoCoverageRow {
  day: string;
  import_id: number;
}
