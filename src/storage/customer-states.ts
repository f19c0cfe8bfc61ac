import type { Kysely } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { OwnerAssignment } from "../domain/tasks/index.js";
import { rowsPerStatement, type DialectName } from "./dialect-differences.js";
import type { StorageTables } from "./storage-tables.js";

type Db = Kysely<StorageTables>;

/** What csops keeps about a customer beside the sources: cancellation and its CS person. */
export interface CustomerState {
  customerId: string;
  status: "active" | "canceled";
  canceledOn?: CalendarDate | undefined;
  canceledBy?: string | undefined;
  assignment?: OwnerAssignment | undefined;
  /** The first run date that evaluated it. */
  firstSeenOn: CalendarDate;
}

const IDS_PER_QUERY = 1000;

/** The states of these customers, or of every customer known when `customerIds` is absent. */
export async function listCustomerStates(
  db: Db,
  customerIds?: readonly string[],
): Promise<Map<string, CustomerState>> {
  const states = new Map<string, CustomerState>();
  const chunks =
    customerIds === undefined
      ? [undefined]
      : Array.from({ length: Math.ceil(customerIds.length / IDS_PER_QUERY) }, (_, index) =>
          customerIds.slice(index * IDS_PER_QUERY, (index + 1) * IDS_PER_QUERY),
        );
  for (const chunk of chunks) {
    let query = db.selectFrom("customer_states").selectAll();
    if (chunk !== undefined) query = query.where("customer_id", "in", chunk);
    for (const row of await query.execute()) {
      states.set(row.customer_id, {
        customerId: row.customer_id,
        status: row.status === "canceled" ? "canceled" : "active",
        canceledOn: row.canceled_on ?? undefined,
        canceledBy: row.canceled_by ?? undefined,
        assignment:
          row.assigned_to === null
            ? undefined
            : {
                person: row.assigned_to,
                basis: row.assignment_basis === "owner" ? "owner" : "shared",
              },
        firstSeenOn: row.first_seen_on,
      });
    }
  }

  return states;
}

/**
 * Records who each customer is assigned to, adding customers seen for the first time. Only the
 * assignment changes on a known customer: its status is the outcome log's to change.
 */
export async function saveAssignments(
  db: Db,
  dialect: DialectName,
  assignments: readonly { customerId: string; assignment?: OwnerAssignment | undefined }[],
  seenOn: CalendarDate,
): Promise<void> {
  const rows = assignments.map(({ customerId, assignment }) => ({
    customer_id: customerId,
    status: "active",
    assigned_to: assignment?.person ?? null,
    assignment_basis: assignment?.basis ?? null,
    first_seen_on: seenOn,
  }));
  const batchSize = rowsPerStatement(dialect, 5);
  for (let start = 0; start < rows.length; start += batchSize) {
    await db
      .insertInto("customer_states")
      .values(rows.slice(start, start + batchSize))
      .onConflict((conflict) =>
        conflict.column("customer_id").doUpdateSet((eb) => ({
          assigned_to: eb.ref("excluded.assigned_to"),
          assignment_basis: eb.ref("excluded.assignment_basis"),
        })),
      )
      .execute();
  }
}

/** Marks a customer as canceled, keeping the date and who logged it, for validating the rules. */
export async function cancelCustomer(
  db: Db,
  cancellation: { customerId: string; canceledOn: CalendarDate; canceledBy: string },
): Promise<void> {
  await db
    .insertInto("customer_states")
    .values({
      customer_id: cancellation.customerId,
      status: "canceled",
      canceled_on: cancellation.canceledOn,
      canceled_by: cancellation.canceledBy,
      first_seen_on: cancellation.canceledOn,
    })
    .onConflict((conflict) =>
      conflict.column("customer_id").doUpdateSet({
        status: "canceled",
        canceled_on: cancellation.canceledOn,
        canceled_by: cancellation.canceledBy,
      }),
    )
    .execute();
}
