import { sql, type Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { Bucket } from "../domain/rules.js";
import { readCount } from "./dialect-differences.js";
import type { StorageTables } from "./storage-tables.js";

type Db = Kysely<StorageTables>;

/** Which customers `listCustomerRows` returns; every part is optional but `date`. */
export interface CustomerListFilter {
  /** The decision shown is the one in force on this date. */
  date: CalendarDate;
  /** A company id, or a part of a name (any case). */
  text?: string | undefined;
  /** The segment the team sees; `unevaluated`: no run has decided the customer yet. */
  segment?: Bucket | "unevaluated" | undefined;
  /** The CS person the customer is assigned to. */
  owner?: string | undefined;
  /** The plan, any case. */
  plan?: string | undefined;
  /** Contract end between two dates (inclusive), or `unknown`: no contract end date. */
  renewal?: { from?: CalendarDate | undefined; to?: CalendarDate | undefined } | "unknown";
  status?: "active" | "canceled" | undefined;
  limit: number;
  offset: number;
}

/** One line of the customer list. */
export interface CustomerRow {
  companyId: string;
  name: string;
  plan?: string | undefined;
  contractEndDate?: CalendarDate | undefined;
  /** The CS person its tasks belong to, once a run assigned one. */
  assignedTo?: string | undefined;
  status: "active" | "canceled";
  /** Deleted in HubSpot: its tasks were closed. */
  isDeleted: boolean;
  /** Undefined until a run decides it. */
  segment?: Bucket | undefined;
  shownSegment?: Bucket | undefined;
  /** The day its current decision started. */
  since?: CalendarDate | undefined;
  openTasks: number;
}

/** Companies in HubSpot that are not deleted: whether the store holds a business at all. */
export async function countCompanies(db: Db): Promise<number> {
  const row = await db
    .selectFrom("hubspot_companies")
    .select((eb) => eb.fn.countAll().as("count"))
    .where((eb) => eb.or([eb("is_deleted", "is", null), eb("is_deleted", "=", 0)]))
    .executeTakeFirstOrThrow();

  return readCount(row.count);
}

/** The plans companies have, as written in HubSpot, for a filter's choices. */
export async function listPlans(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("hubspot_companies")
    .select("plan")
    .distinct()
    .where("plan", "is not", null)
    .orderBy("plan")
    .execute();

  return rows.flatMap((row) => (row.plan === null ? [] : [row.plan]));
}

/**
 * One page of customers by name, with the decision in force on the filter's date, their CS
 * person and open tasks, and how many customers the filter matches in all. The decision is the
 * customer's newest history entry on or before the date: the primary key (customer, valid_from)
 * makes that one index lookup per customer.
 */
export async function listCustomerRows(
  db: Db,
  filter: CustomerListFilter,
): Promise<{ rows: CustomerRow[]; total: number }> {
  const base = applyFilter(joined(db, filter.date), filter);
  const count = await base.select((eb) => eb.fn.countAll().as("count")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      "c.company_id",
      "c.name",
      "c.plan",
      "c.contract_end_date",
      "c.is_deleted",
      "s.status",
      "s.assigned_to",
      "h.segment",
      "h.shown_segment",
      "h.valid_from",
    ])
    .select((eb) =>
      eb
        .selectFrom("tasks as t")
        .select((inner) => inner.fn.countAll().as("n"))
        .whereRef("t.customer_id", "=", "c.company_id")
        .where("t.status", "=", "open")
        .as("open_tasks"),
    )
    .orderBy(sql`lower(c.name)`)
    .orderBy("c.company_id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();

  return {
    total: readCount(count.count),
    rows: rows.map((row) => ({
      companyId: row.company_id,
      name: row.name,
      plan: row.plan ?? undefined,
      contractEndDate: row.contract_end_date ?? undefined,
      assignedTo: row.assigned_to ?? undefined,
      status: row.status === "canceled" ? "canceled" : "active",
      isDeleted: row.is_deleted === 1,
      segment: (row.segment ?? undefined) as Bucket | undefined,
      shownSegment: (row.shown_segment ?? undefined) as Bucket | undefined,
      since: row.valid_from ?? undefined,
      openTasks: readCount(row.open_tasks as number | string | null),
    })),
  };
}

function joined(db: Db, date: CalendarDate) {
  return db
    .selectFrom("hubspot_companies as c")
    .leftJoin("customer_states as s", "s.customer_id", "c.company_id")
    .leftJoin("decision_history as h", (join) =>
      join.onRef("h.customer_id", "=", "c.company_id").on("h.valid_from", "=", (eb) =>
        eb
          .selectFrom("decision_history as n")
          .select((inner) => inner.fn.max("n.valid_from").as("d"))
          .whereRef("n.customer_id", "=", "c.company_id")
          .where("n.valid_from", "<=", date),
      ),
    );
}

type Joined = ReturnType<typeof joined>;

function applyFilter(query: Joined, filter: CustomerListFilter): Joined {
  let q = query;
  const text = filter.text?.trim() ?? "";
  if (text !== "") {
    // `like` wildcards in the text are matched literally: people type names, not patterns.
    const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("c.company_id", "=", text),
        sql<boolean>`lower(c.name) like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (filter.segment === "unevaluated") q = q.where("h.shown_segment", "is", null);
  else if (filter.segment !== undefined) q = q.where("h.shown_segment", "=", filter.segment);
  if (filter.owner !== undefined) q = q.where("s.assigned_to", "=", filter.owner);
  if (filter.plan !== undefined) {
    q = q.where((eb) => eb(eb.fn("lower", ["c.plan"]), "=", filter.plan?.toLowerCase() ?? ""));
  }
  q = applyRenewal(q, filter.renewal);
  if (filter.status === "canceled") q = q.where("s.status", "=", "canceled");
  if (filter.status === "active") {
    q = q.where((eb) => eb.or([eb("s.status", "is", null), eb("s.status", "!=", "canceled")]));
  }

  return q;
}

function applyRenewal(query: Joined, renewal: CustomerListFilter["renewal"]): Joined {
  if (renewal === undefined) return query;
  if (renewal === "unknown") return query.where("c.contract_end_date", "is", null);
  let q = query;
  if (renewal.from !== undefined) q = q.where("c.contract_end_date", ">=", renewal.from);
  if (renewal.to !== undefined) q = q.where("c.contract_end_date", "<=", renewal.to);

  return q;
}
