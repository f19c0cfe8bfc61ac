import type { SourceKind } from "../domain/records.js";
import type { ExportFormat } from "./open-export-file.js";

/** One export the demo writes: its name, what it holds, how it is encoded, when it was made. */
export interface DemoFileSpec {
  name: string;
  kind: SourceKind;
  format: ExportFormat;
  /** Minutes before 09:00 on the evaluation date that the export was made. */
  exportedMinutesBefore: number;
}

// HubSpot's UI export carries a BOM for Excel and quotes every value; Stripe's Dashboard writes
// plain UTF-8 and quotes what needs it; Matomo writes UTF-16LE with a BOM, no newline after the
// last row, and quotes a semicolon too (VENDOR-NOTES §1.8, §3.6).
const HUBSPOT: ExportFormat = {
  encoding: "utf-8-bom",
  lineEnd: "\r\n",
  trailingLineEnd: true,
  quoting: "every",
};
const STRIPE: ExportFormat = {
  encoding: "utf-8",
  lineEnd: "\n",
  trailingLineEnd: true,
  quoting: "needed",
};
const MATOMO: ExportFormat = {
  encoding: "utf-16le-bom",
  lineEnd: "\n",
  trailingLineEnd: false,
  quoting: "matomo",
};

/** The six files, named as the team would name its exports. */
export const DEMO_FILES = {
  companies: {
    name: "hubspot-companies.csv",
    kind: "hubspot_companies",
    format: HUBSPOT,
    exportedMinutesBefore: 42,
  },
  tickets: {
    name: "hubspot-tickets.csv",
    kind: "hubspot_tickets",
    format: HUBSPOT,
    exportedMinutesBefore: 41,
  },
  stripeCustomers: {
    name: "stripe-customers.csv",
    kind: "stripe_customers",
    format: STRIPE,
    exportedMinutesBefore: 35,
  },
  subscriptions: {
    name: "stripe-subscriptions.csv",
    kind: "stripe_subscriptions",
    format: STRIPE,
    exportedMinutesBefore: 34,
  },
  invoices: {
    name: "stripe-invoices.csv",
    kind: "stripe_invoices",
    format: STRIPE,
    exportedMinutesBefore: 33,
  },
  visits: {
    name: "matomo-visits.csv",
    kind: "matomo_visits",
    format: MATOMO,
    exportedMinutesBefore: 27,
  },
} as const satisfies Record<string, DemoFileSpec>;

/** The files one pass over the customers writes; the visits log is written on its own. */
export type CustomerFileKey = Exclude<keyof typeof DEMO_FILES, "visits">;
