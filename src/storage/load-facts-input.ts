import { sql, type Kysely, type RawBuilder } from "kysely";
import { Temporal } from "temporal-polyfill";

import type { CalendarDate } from "../domain/dates.js";
import type { FactsInput, MatomoUserActivity } from "../domain/facts-input.js";
import type { SourceName } from "../domain/records.js";
import { readCount, type DialectName } from "./dialect-differences.js";
import { rowToRecord, type Row } from "./record-tables.js";
import type { StorageTables } from "./storage-tables.js";

export interface FactsInputOptions {
  /** Tickets created in the `ticketWindowDays` days before `asOf` count. */
  ticketWindowDays: number;
  /** Logins and features in the `usageWindowDays` days before `asOf` count. */
  usageWindowDays: number;
  /** The event category whose distinct actions are the features used. */
  featureCategory: string;
  /** Count this event as a login instead of every visit that carries a user id. */
  loginEvent?: { category: string; action: string } | undefined;
}

type Db = Kysely<StorageTables>;

/**
 * Everything the facts builder reads for `asOf`. Windows end the day before `asOf` (a window of
 * N days is `asOf − N` to `asOf − 1`); nothing dated `asOf` or later is read. Per-user Matomo
 * activity is aggregated in SQL, so memory grows with users, not visits.
 */
export async function loadFactsInput(
  db: Db,
  dialect: DialectName,
  asOf: CalendarDate,
  options: FactsInputOptions,
): Promise<FactsInput> {
  const ticketFrom = subtractDays(asOf, options.ticketWindowDays);
  const coveredDays = await loadCoveredDays(db, asOf);
  const matomoAsOf = matomoDateOf(coveredDays, asOf);
  const usageFrom = subtractDays(matomoAsOf, options.usageWindowDays);

  return {
    asOf,
    matomoAsOf,
    companies: await loadCompanies(db),
    owners: await loadAll(db, "hubspot_owners", "owner_id", ["owner_id", "name"]),
    recentTickets: await loadRecentTickets(db, ticketFrom, asOf),
    stripeCustomers: await loadAll(db, "stripe_customers", "customer_id", STRIPE_CUSTOMER_COLUMNS),
    stripeSubscriptions: await loadAll(
      db,
      "stripe_subscriptions",
      "subscription_id",
      SUBSCRIPTION_COLUMNS,
      ["status", "start_date"],
    ),
    openInvoices: await loadOpenInvoices(db),
    matomoActivity: await loadMatomoActivity(db, dialect, usageFrom, matomoAsOf, options),
    matomoUserAggregates: await loadUserAggregates(db, asOf),
    matomoVisitsInWindow: await countVisitsInWindow(db, usageFrom, matomoAsOf),
    matomoCoveredDays: coveredDays,
    sources: await loadNewestDataPerSource(db),
  };
}

/**
 * The day Matomo's counts end before: the day after the newest covered day, so that a weekly
 * export counts its own 30 days all week (as the seed's weekly import into HubSpot did) instead
 * of leaving the days since unknown. Whether that data is still recent enough is the source's
 * allowed age, decided by the facts builder.
 */
function matomoDateOf(coveredDays: readonly CalendarDate[], asOf: CalendarDate): CalendarDate {
  const newest = coveredDays.at(-1);

  return newest === undefined ? asOf : subtractDays(newest, -1);
}

function subtractDays(date: CalendarDate, days: number): CalendarDate {
  return Temporal.PlainDate.from(date).subtract({ days }).toString();
}

/*
 * The columns the facts and the join read. The rest (names and instants kept for people and
 * for imports) stay in the table: at a million customers every column read is held a million
 * times while the facts are built.
 */
const COMPANY_COLUMNS = [
  "company_id",
  "name",
  "domain",
  "owner_id",
  "owner_name",
  "plan",
  "contract_end_date",
  "account_start_date",
  "stripe_customer_id",
  "ticket_count",
  "payment_failed",
  "last_login_date",
  "logins_30d",
  "features_used_30d",
] as const;
const STRIPE_CUSTOMER_COLUMNS = [
  "customer_id",
  "email",
  "hubspot_company_id",
  "delinquent",
  "is_deleted",
];
const SUBSCRIPTION_COLUMNS = ["subscription_id", "customer_id", "status", "start_date"];
const OPEN_INVOICE_COLUMNS = [
  "invoice_id",
  "customer_id",
  "status",
  "amount_remaining",
  "attempted",
  "attempt_count",
  "due_date",
  "created_at",
] as const;

/** Texts many companies share: owners, plans and dates. */
const REPEATED_COMPANY_COLUMNS = [
  "owner_id",
  "owner_name",
  "plan",
  "contract_end_date",
  "account_start_date",
  "last_login_date",
];

/**
 * Every row of a record table, as records with the given columns only, in key order; each text
 * of `repeated` columns is held once (see createStringPool).
 */
async function loadAll<K extends "hubspot_owners" | "stripe_customers" | "stripe_subscriptions">(
  db: Db,
  kind: K,
  key: string,
  columns: readonly string[],
  repeated: readonly string[] = [],
) {
  const tables = db as unknown as Kysely<Record<string, Row>>;
  const table: string = kind;
  const rows = await tables.selectFrom(table).select(columns).orderBy(key).execute();
  const shared = createStringPool();

  return rows.map((row) => rowToRecord(kind, shareTexts(row, repeated, shared)));
}

async function loadCompanies(db: Db) {
  const rows = await db
    .selectFrom("hubspot_companies")
    .select(COMPANY_COLUMNS)
    .where((eb) => eb.or([eb("is_deleted", "is", null), eb("is_deleted", "=", 0)]))
    .orderBy("company_id")
    .execute();

  const shared = createStringPool();

  return rows.map((row) =>
    rowToRecord("hubspot_companies", shareTexts(row, REPEATED_COMPANY_COLUMNS, shared)),
  );
}

async function loadOpenInvoices(db: Db) {
  const rows = await db
    .selectFrom("stripe_invoices")
    .select(OPEN_INVOICE_COLUMNS)
    .where("status", "=", "open")
    .orderBy("invoice_id")
    .execute();

  return rows.map((row) => rowToRecord("stripe_invoices", row as unknown as Row));
}

/** Tickets created in the window, each with its companies: its own and its association rows. */
async function loadRecentTickets(
  db: Db,
  from: CalendarDate,
  asOf: CalendarDate,
): Promise<FactsInput["recentTickets"]> {
  const rows = await db
    .selectFrom("hubspot_tickets as t")
    .leftJoin("hubspot_ticket_companies as tc", "tc.ticket_id", "t.ticket_id")
    .select(["t.ticket_id", "t.created_date", "t.company_id", "tc.company_id as associated_id"])
    .where("t.created_date", ">=", from)
    .where("t.created_date", "<", asOf)
    .where((eb) => eb.or([eb("t.is_deleted", "is", null), eb("t.is_deleted", "=", 0)]))
    .orderBy("t.ticket_id")
    .execute();

  const tickets = new Map<string, { createdDate: CalendarDate; companyIds: Set<string> }>();
  for (const row of rows) {
    let ticket = tickets.get(row.ticket_id);
    if (ticket === undefined) {
      ticket = { createdDate: row.created_date, companyIds: new Set() };
      tickets.set(row.ticket_id, ticket);
    }
    if (row.company_id !== null) ticket.companyIds.add(row.company_id);
    if (row.associated_id !== null) ticket.companyIds.add(row.associated_id);
  }

  return [...tickets].map(([ticketId, ticket]) => ({
    ticketId,
    companyIds: [...ticket.companyIds].sort(),
    createdDate: ticket.createdDate,
  }));
}

/**
 * Per user id seen in visits before `asOf`: the newest login date and the logins in the
 * window, then the distinct features used in the window.
 */
async function loadMatomoActivity(
  db: Db,
  dialect: DialectName,
  from: CalendarDate,
  asOf: CalendarDate,
  options: FactsInputOptions,
): Promise<MatomoUserActivity[]> {
  const logins =
    options.loginEvent === undefined
      ? await countVisitLogins(db, from, asOf)
      : await countEventLogins(db, from, asOf, options.loginEvent);
  const shared = createStringPool();
  const features = await loadFeaturesPerUser(db, dialect, from, asOf, options.featureCategory);

  return logins.map((row) => ({
    userId: row.user_id,
    ...(row.last_login_date === null ? {} : { lastLoginDate: shared(row.last_login_date) }),
    loginsInWindow: readCount(row.logins_in_window),
    featuresInWindow: (features.get(row.user_id) ?? []).map(shared),
  }));
}

type StringPool = (text: string) => string;

/**
 * Returns one copy of each distinct text it is given. A database driver makes a new string for
 * every value of every row, while a hundred thousand customers share a few dozen plans, owners,
 * dates and feature names, which would otherwise each be held once per customer or user.
 */
function createStringPool(): StringPool {
  const pool = new Map<string, string>();

  return (text) => {
    const known = pool.get(text);
    if (known !== undefined) return known;
    pool.set(text, text);
    return text;
  };
}

interface LoginRow {
  user_id: string;
  last_login_date: string | null;
  logins_in_window: string | number | bigint | null;
}

/** Every visit that carries a user id is one login. */
async function countVisitLogins(db: Db, from: CalendarDate, asOf: CalendarDate) {
  const rows = await db
    .selectFrom("matomo_visits")
    .select((eb) => [
      "user_id",
      eb.fn.max("visit_date").as("last_login_date"),
      eb.fn
        .sum<number>(eb.case().when("visit_date", ">=", from).then(1).else(0).end())
        .as("logins_in_window"),
    ])
    .where("user_id", "is not", null)
    .where("visit_date", "<", asOf)
    .groupBy("user_id")
    .orderBy("user_id")
    .execute();

  return rows as LoginRow[];
}

/** Every configured login event is one login; visits without one only make the user known. */
async function countEventLogins(
  db: Db,
  from: CalendarDate,
  asOf: CalendarDate,
  loginEvent: { category: string; action: string },
) {
  const rows = await db
    .selectFrom("matomo_visits as v")
    .leftJoin("matomo_events as e", (join) =>
      join
        .onRef("e.visit_id", "=", "v.visit_id")
        .on("e.category", "=", loginEvent.category)
        .on("e.action", "=", loginEvent.action),
    )
    .select((eb) => [
      "v.user_id",
      eb.fn
        .max(eb.case().when("e.visit_id", "is not", null).then(eb.ref("v.visit_date")).end())
        .as("last_login_date"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("e.visit_id", "is not", null), eb("v.visit_date", ">=", from)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("logins_in_window"),
    ])
    .where("v.user_id", "is not", null)
    .where("v.visit_date", "<", asOf)
    .groupBy("v.user_id")
    .orderBy("v.user_id")
    .execute();

  return rows as LoginRow[];
}

/** The row, with the text of each of `columns` replaced by the pool's copy. */
function shareTexts(row: Row, columns: readonly string[], shared: StringPool): Row {
  for (const column of columns) {
    const value = row[column];
    if (typeof value === "string") row[column] = shared(value);
  }

  return row;
}

/** Per user, the distinct feature actions in the window, sorted. */
async function loadFeaturesPerUser(
  db: Db,
  dialect: DialectName,
  from: CalendarDate,
  asOf: CalendarDate,
  featureCategory: string,
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("matomo_visits as v")
    .innerJoin("matomo_events as e", "e.visit_id", "v.visit_id")
    .select(["v.user_id", listDistinctActions(dialect).as("actions")])
    .where("v.user_id", "is not", null)
    .where("v.visit_date", ">=", from)
    .where("v.visit_date", "<", asOf)
    .where("e.category", "=", featureCategory)
    .groupBy("v.user_id")
    .execute();

  const features = new Map<string, string[]>();
  for (const row of rows) {
    if (row.user_id === null) continue;
    const actions = typeof row.actions === "string" ? JSON.parse(row.actions) : row.actions;
    features.set(row.user_id, (actions as string[]).sort());
  }

  return features;
}

/**
 * A user's distinct actions as one JSON array, so that a user is one row however many features
 * they used: less to sort in SQL and far fewer rows to read. SQLite returns it as text, pg
 * parses `json` itself.
 */
function listDistinctActions(dialect: DialectName): RawBuilder<string | string[]> {
  return dialect === "postgres"
    ? sql`json_agg(distinct e.action)`
    : sql`json_group_array(distinct e.action)`;
}

/** Aggregates exported on `asOf` or before: their window ends the day before the export. */
async function loadUserAggregates(db: Db, asOf: CalendarDate) {
  const rows = await db
    .selectFrom("matomo_users")
    .selectAll()
    .where("exported_on", "<=", asOf)
    .orderBy("user_id")
    .execute();

  return rows.map((row) => rowToRecord("matomo_users", row as unknown as Row));
}

async function countVisitsInWindow(db: Db, from: CalendarDate, asOf: CalendarDate) {
  const row = await db
    .selectFrom("matomo_visits")
    .select((eb) => [eb.fn.countAll().as("total"), eb.fn.count("user_id").as("identified")])
    .where("visit_date", ">=", from)
    .where("visit_date", "<", asOf)
    .executeTakeFirstOrThrow();
  const total = readCount(row.total);

  return { total, withoutUserId: total - readCount(row.identified) };
}

async function loadCoveredDays(db: Db, asOf: CalendarDate): Promise<CalendarDate[]> {
  const rows = await db
    .selectFrom("matomo_coverage")
    .select("day")
    .where("day", "<", asOf)
    .orderBy("day")
    .execute();

  return rows.map((row) => row.day);
}

/** Per source, the newest `data_as_of` of its successful imports. */
async function loadNewestDataPerSource(db: Db): Promise<FactsInput["sources"]> {
  const rows = await db
    .selectFrom("imports")
    .select((eb) => ["source", eb.fn.max("data_as_of").as("newest")])
    .where("status", "=", "imported")
    .groupBy("source")
    .execute();

  const sources: FactsInput["sources"] = { hubspot: {}, stripe: {}, matomo: {} };
  for (const row of rows) {
    const source = row.source as SourceName | null;
    if (source === null || !(source in sources) || row.newest === null) continue;
    sources[source] = { newestDataAt: Number(row.newest) };
  }

  return sources;
}
