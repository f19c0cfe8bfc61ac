import type { CalendarDate } from "../domain/dates.js";
import type { RecordOfKind } from "../domain/records.js";
import { booleanCell, idCell, type CellParser } from "./cell-value.js";
import type { ImportSettings } from "./import-settings.js";
import { chargeStatusCell } from "./kinds/stripe-charge-reader.js";
import { invoiceStatusCell } from "./kinds/stripe-invoice-reader.js";
import { subscriptionStatusCell } from "./kinds/stripe-subscription-reader.js";
import type { ExportRecord, RowProblem } from "./opened-export.js";

/** The Stripe API objects csops reads, by their `object` field. */
export const STRIPE_OBJECT_KINDS = {
  customer: "stripe_customers",
  subscription: "stripe_subscriptions",
  invoice: "stripe_invoices",
  charge: "stripe_charges",
} as const;

export type StripeObjectType = keyof typeof STRIPE_OBJECT_KINDS;

/**
 * One Stripe API object as a record. Both API shapes are read: before 2025-03-31 a
 * subscription's period and an invoice's subscription are at the top level; from then on the
 * period is on each item (the latest end is the subscription's) and the subscription is under
 * `parent.subscription_details`.
 */
export function readStripeObject(
  type: StripeObjectType,
  object: Record<string, unknown>,
  settings: ImportSettings,
): { record: ExportRecord } | { problems: RowProblem[] } {
  const fields = new ObjectFields(object, settings);
  const record = READERS[type](fields, settings);

  return fields.problems.length > 0 ? { problems: fields.problems } : { record };
}

const READERS: Record<
  StripeObjectType,
  (fields: ObjectFields, settings: ImportSettings) => ExportRecord
> = {
  customer: (f, settings) => ({
    kind: "stripe_customers",
    record: {
      customerId: f.required(f.id("id")),
      email: f.text("email"),
      name: f.text("name"),
      hubspotCompanyId: f.id(`metadata.${settings.stripeMetadataKey}`),
      createdAt: f.whole("created"),
      delinquent: f.boolean("delinquent"),
      isDeleted: f.boolean("deleted"),
    },
  }),
  subscription: (f) => {
    const itemEnds = f
      .list("items.data")
      .map((_, i) => f.whole(`items.data.${i}.current_period_end`));
    const ends = [f.whole("current_period_end"), ...itemEnds].filter((end) => end !== undefined);
    const record: RecordOfKind["stripe_subscriptions"] = {
      subscriptionId: f.required(f.id("id")),
      customerId: f.required(f.id("customer")),
      status: f.required(f.parse("status", subscriptionStatusCell)),
      startDate: f.date("start_date"),
      currentPeriodEnd: ends.length > 0 ? f.dateOf(Math.max(...ends)) : undefined,
      cancelAtPeriodEnd: f.boolean("cancel_at_period_end"),
      canceledAt: f.whole("canceled_at"),
      createdAt: f.whole("created"),
    };
    return { kind: "stripe_subscriptions", record };
  },
  invoice: (f) => ({
    kind: "stripe_invoices",
    record: {
      invoiceId: f.required(f.id("id")),
      customerId: f.required(f.id("customer")),
      subscriptionId: f.id("parent.subscription_details.subscription") ?? f.id("subscription"),
      status: f.required(f.parse("status", invoiceStatusCell)),
      amountRemaining: f.required(f.whole("amount_remaining")),
      attempted: f.required(f.boolean("attempted")),
      attemptCount: f.required(f.whole("attempt_count")),
      dueDate: f.date("due_date"),
      createdAt: f.required(f.whole("created")),
    },
  }),
  charge: (f) => ({
    kind: "stripe_charges",
    record: {
      chargeId: f.required(f.id("id")),
      customerId: f.id("customer"),
      invoiceId: f.id("invoice"),
      status: f.required(f.parse("status", chargeStatusCell)),
      createdAt: f.required(f.whole("created")),
      failureCode: f.text("failure_code"),
    },
  }),
};

/** Reads fields of one object by dotted path, listing what is wrong with each. */
class ObjectFields {
  readonly problems: RowProblem[] = [];
  private lastPath = "";

  constructor(
    private readonly object: Record<string, unknown>,
    private readonly settings: ImportSettings,
  ) {}

  /** Marks the field just read as one the record cannot do without. */
  required<T>(value: T | undefined): T {
    if (value === undefined && !this.problems.some((p) => p.column === this.lastPath)) {
      this.problems.push({ column: this.lastPath, value: "", message: "expected a value" });
    }
    return value as T;
  }

  text(path: string): string | undefined {
    const value = this.get(path);
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") return value;

    return this.fail(path, value, "text");
  }

  /** An id, or an expanded object's id (`"customer": {"id": "cus_…", …}`). */
  id(path: string): string | undefined {
    const value = this.get(path);
    const id = typeof value === "object" && value !== null ? (value as { id?: unknown }).id : value;
    if (id === undefined || id === null || id === "") return undefined;
    if (typeof id === "number") return this.parse(path, idCell, String(id));

    return typeof id === "string" ? this.parse(path, idCell, id) : this.fail(path, value, "an id");
  }

  /** Unix seconds, or any other whole number 0 or more (amounts in minor units, counts). */
  whole(path: string): number | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;

    return this.fail(path, value, "a whole number, 0 or more");
  }

  boolean(path: string): boolean | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;

    return typeof value === "string"
      ? this.parse(path, booleanCell, value)
      : this.fail(path, value, "true or false");
  }

  /** Unix seconds as a calendar date in the team's zone. */
  date(path: string): CalendarDate | undefined {
    const seconds = this.whole(path);
    return seconds === undefined ? undefined : this.dateOf(seconds);
  }

  dateOf(seconds: number): CalendarDate {
    return this.settings.team.dateOf(seconds);
  }

  list(path: string): unknown[] {
    const value = this.get(path);
    return Array.isArray(value) ? value : [];
  }

  parse<T>(path: string, parser: CellParser<T>, text?: string): T | undefined {
    this.lastPath = path;
    const value = text ?? this.text(path);
    if (value === undefined) return undefined;
    const parsed = parser(value);
    if ("expected" in parsed) return this.fail(path, value, parsed.expected);

    return parsed.value;
  }

  private get(path: string): unknown {
    this.lastPath = path;
    let value: unknown = this.object;
    for (const key of path.split(".")) {
      if (typeof value !== "object" || value === null) return undefined;
      value = (value as Record<string, unknown>)[key];
    }

    return value;
  }

  private fail(path: string, value: unknown, expected: string): undefined {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    this.problems.push({ column: path, value: text, message: `expected ${expected}` });
    this.lastPath = path;

    return undefined;
  }
}
