import type { Random } from "./create-random.js";
import { formatUtcMinutes } from "./day-numbers.js";

/** The customer an invoice is addressed to, as the invoices export repeats it. */
export interface BillingCustomer {
  id: string;
  email: string;
  name: string;
  invoicePrefix: string;
}

export interface InvoiceEntry {
  at: number;
  amount: number;
  /** paid; failed: charged automatically and declined; sent: awaiting a bank transfer. */
  state: "paid" | "failed" | "sent";
  attempts?: number;
  dueAt?: number;
  oneOff?: boolean;
}

/** A customer's invoices, numbered in order as Stripe does (`PREFIX-0001`). */
export class InvoiceBook {
  readonly rows: string[][] = [];

  constructor(
    private readonly customer: BillingCustomer,
    private readonly subscriptionId: string,
    private readonly random: Random,
    /** The number of the first invoice in the export: older ones were billed before it. */
    private readonly firstNumber: number,
  ) {}

  add(entry: InvoiceEntry): void {
    const paid = entry.state === "paid" ? entry.amount : 0;
    const attempts = entry.state === "sent" ? 0 : (entry.attempts ?? (entry.amount === 0 ? 0 : 1));
    this.rows.push([
      `in_${drawId(this.random, 24)}`,
      `${this.customer.invoicePrefix}-${String(this.firstNumber + this.rows.length).padStart(4, "0")}`,
      this.customer.id,
      this.customer.email,
      entry.oneOff === true ? "" : this.subscriptionId,
      entry.state === "paid" ? "paid" : "open",
      "gbp",
      formatPounds(entry.amount),
      formatPounds(paid),
      formatPounds(entry.amount - paid),
      String(attempts),
      String(attempts > 0),
      formatUtcMinutes(entry.at),
      entry.dueAt === undefined ? "" : formatUtcMinutes(entry.dueAt),
    ]);
  }
}

/** Pence as the Dashboard writes amounts: major units, two decimals. */
export function formatPounds(pence: number): string {
  return (pence / 100).toFixed(2);
}

const ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Stripe-like ids: `cus_` + 14, `sub_` and `in_` + 24 base-62 characters. */
export function drawId(random: Random, length: number): string {
  let id = "";
  for (let i = 0; i < length; i += 1) id += ID_ALPHABET[Math.floor(random.next() * 62)];

  return id;
}
