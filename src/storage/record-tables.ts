import type { RecordOfKind, SourceKind } from "../domain/records.js";

/** How a record field is stored: booleans become integer 0/1 (see storage-tables.ts). */
type ColumnType = "text" | "number" | "boolean";

/** Every field of a record, each with its column: the compiler names any field left out. */
type FieldColumns<R> = { readonly [F in keyof R]-?: readonly [column: string, type: ColumnType] };

/** A visit's events live in matomo_events, keyed by visit and position. */
type StoredFields<K extends SourceKind> = Omit<RecordOfKind[K], "events">;

interface RecordTable<K extends SourceKind> {
  /** The primary key: the source's own id. */
  readonly keyColumns: readonly string[];
  readonly fields: FieldColumns<StoredFields<K>>;
}

/** Each record kind's table (named after the kind) and how its fields map to columns. */
export const RECORD_TABLES: { readonly [K in SourceKind]: RecordTable<K> } = {
  hubspot_companies: {
    keyColumns: ["company_id"],
    fields: {
      companyId: ["company_id", "text"],
      name: ["name", "text"],
      domain: ["domain", "text"],
      ownerId: ["owner_id", "text"],
      ownerName: ["owner_name", "text"],
      plan: ["plan", "text"],
      contractEndDate: ["contract_end_date", "text"],
      accountStartDate: ["account_start_date", "text"],
      stripeCustomerId: ["stripe_customer_id", "text"],
      isDeleted: ["is_deleted", "boolean"],
      modifiedAt: ["modified_at", "number"],
      ticketCount: ["ticket_count", "number"],
      paymentFailed: ["payment_failed", "boolean"],
      lastLoginDate: ["last_login_date", "text"],
      logins30d: ["logins_30d", "number"],
      featuresUsed30d: ["features_used_30d", "number"],
    },
  },
  hubspot_tickets: {
    keyColumns: ["ticket_id"],
    fields: {
      ticketId: ["ticket_id", "text"],
      companyId: ["company_id", "text"],
      createdDate: ["created_date", "text"],
      closedDate: ["closed_date", "text"],
      isDeleted: ["is_deleted", "boolean"],
    },
  },
  hubspot_ticket_companies: {
    keyColumns: ["ticket_id", "company_id"],
    fields: { ticketId: ["ticket_id", "text"], companyId: ["company_id", "text"] },
  },
  hubspot_owners: {
    keyColumns: ["owner_id"],
    fields: { ownerId: ["owner_id", "text"], name: ["name", "text"], email: ["email", "text"] },
  },
  stripe_customers: {
    keyColumns: ["customer_id"],
    fields: {
      customerId: ["customer_id", "text"],
      email: ["email", "text"],
      name: ["name", "text"],
      hubspotCompanyId: ["hubspot_company_id", "text"],
      createdAt: ["created_at", "number"],
      delinquent: ["delinquent", "boolean"],
      isDeleted: ["is_deleted", "boolean"],
    },
  },
  stripe_subscriptions: {
    keyColumns: ["subscription_id"],
    fields: {
      subscriptionId: ["subscription_id", "text"],
      customerId: ["customer_id", "text"],
      status: ["status", "text"],
      startDate: ["start_date", "text"],
      currentPeriodEnd: ["current_period_end", "text"],
      cancelAtPeriodEnd: ["cancel_at_period_end", "boolean"],
      canceledAt: ["canceled_at", "number"],
      createdAt: ["created_at", "number"],
    },
  },
  stripe_invoices: {
    keyColumns: ["invoice_id"],
    fields: {
      invoiceId: ["invoice_id", "text"],
      customerId: ["customer_id", "text"],
      subscriptionId: ["subscription_id", "text"],
      status: ["status", "text"],
      amountRemaining: ["amount_remaining", "number"],
      attempted: ["attempted", "boolean"],
      attemptCount: ["attempt_count", "number"],
      dueDate: ["due_date", "text"],
      createdAt: ["created_at", "number"],
    },
  },
  stripe_charges: {
    keyColumns: ["charge_id"],
    fields: {
      chargeId: ["charge_id", "text"],
      customerId: ["customer_id", "text"],
      invoiceId: ["invoice_id", "text"],
      status: ["status", "text"],
      createdAt: ["created_at", "number"],
      failureCode: ["failure_code", "text"],
    },
  },
  matomo_visits: {
    keyColumns: ["visit_id"],
    fields: {
      visitId: ["visit_id", "text"],
      userId: ["user_id", "text"],
      visitedAt: ["visited_at", "number"],
      visitDate: ["visit_date", "text"],
    },
  },
  matomo_users: {
    keyColumns: ["user_id"],
    fields: {
      userId: ["user_id", "text"],
      exportedOn: ["exported_on", "text"],
      lastLoginDate: ["last_login_date", "text"],
      logins30d: ["logins_30d", "number"],
      featuresUsed30d: ["features_used_30d", "number"],
    },
  },
};

export type Row = Record<string, string | number | null>;

/** The columns of a kind's table, in a fixed order, ending with `import_id`. */
export function columnsOf(kind: SourceKind): string[] {
  return [...fieldEntries(kind).map(([, [column]]) => column), "import_id"];
}

/** A record as its table row: absent fields are NULL, booleans 0/1. */
export function recordToRow<K extends SourceKind>(
  kind: K,
  record: RecordOfKind[K],
  importId: number,
): Row {
  const row: Row = {};
  const values = record as unknown as Record<string, unknown>;
  for (const [field, [column, type]] of fieldEntries(kind)) {
    const value = values[field];
    if (value === undefined || value === null) row[column] = null;
    else if (type === "boolean") row[column] = value === true ? 1 : 0;
    else row[column] = value as string | number;
  }
  row.import_id = importId;

  return row;
}

/** A table row as its record: NULL columns become absent fields. Events are not included. */
export function rowToRecord<K extends SourceKind>(kind: K, row: Row): StoredFields<K> {
  const record: Record<string, string | number | boolean> = {};
  for (const [field, [column, type]] of fieldEntries(kind)) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    record[field] = type === "boolean" ? Number(value) === 1 : value;
  }

  return record as unknown as StoredFields<K>;
}

type FieldEntries = readonly (readonly [field: string, column: readonly [string, ColumnType]])[];

/** Each kind's fields as a list, made once: every record read or written goes through them. */
const FIELD_ENTRIES = new Map<string, FieldEntries>(
  Object.entries(RECORD_TABLES).map(([kind, table]) => [
    kind,
    Object.entries(table.fields as Record<string, readonly [string, ColumnType]>),
  ]),
);

function fieldEntries(kind: SourceKind): FieldEntries {
  return FIELD_ENTRIES.get(kind) ?? [];
}
