import { Temporal } from "temporal-polyfill";

import { configSchema, type Config } from "../config/config-schema.js";
import { addDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import type { MatomoVisitRecord, SourceKind, SourceName } from "../domain/records.js";
import { createSilentLogger } from "../logger.js";
import { loadRulesOrFail } from "../rules/load-rules.js";
import type { Store, StoreTx } from "../storage/store.js";
import type { OutcomeRequest } from "./log-outcome.js";
import { logOutcome } from "./log-outcome.js";
import { runDay } from "./run-day.js";

/**
 * Test support for the daily run (used by the `*.test.ts` files beside it only): customers
 * described in business terms, written day by day into a real store as the sources' daily
 * exports would leave them, and the run and the outcome form driven at a given hour.
 */

export const TIME_ZONE = "Europe/London";
export const CONFIG: Config = configSchema.parse({ time_zone: TIME_ZONE });
export const RULES = loadRulesOrFail();
export const LOGGER = createSilentLogger();

/** One agency as the sources see it on a day. */
export interface ScenarioCustomer {
  companyId: string;
  name: string;
  /** The agency's domain: its Stripe and Matomo records join through it. */
  domain: string;
  ownerName?: string | undefined;
  plan?: string | undefined;
  contractEndDate?: CalendarDate | undefined;
  accountStartDate?: CalendarDate | undefined;
  /** true: a past_due subscription; false: an active one; undefined: no Stripe customer. */
  paymentFailed?: boolean | undefined;
  /** Creation dates of its tickets. */
  tickets?: CalendarDate[] | undefined;
  /** A user logs in every this many days (counted from 1 Jan 2026) using `features`. */
  loginEveryDays?: number | undefined;
  /** No login from this date on. */
  inactiveFrom?: CalendarDate | undefined;
  features?: string[] | undefined;
}

/** A long-standing Standard agency, Medium usage (a login every 3 days), renewal far off. */
export function makeCustomer(overrides: Partial<ScenarioCustomer> = {}): ScenarioCustomer {
  return {
    companyId: "18734299351",
    name: "Derras Real Estate",
    domain: "derras-realestate.co.uk",
    ownerName: "Alex Morgan",
    plan: "Standard",
    contractEndDate: "2027-09-30",
    accountStartDate: "2023-01-10",
    paymentFailed: false,
    tickets: [],
    loginEveryDays: 3,
    features: ["listing_created", "valuation_report"],
    ...overrides,
  };
}

/** `hour`:00 on `date` in the team's zone, in Unix seconds. */
export function at(date: CalendarDate, hour = 9, minute = 0): number {
  const zoned = Temporal.PlainDate.from(date).toZonedDateTime({
    timeZone: TIME_ZONE,
    plainTime: { hour, minute },
  });

  return Math.floor(zoned.epochMilliseconds / 1000);
}

/**
 * Writes what each source exported by 07:00 on `date`: companies and tickets (HubSpot),
 * customers and subscriptions (Stripe), and the visits of the 30 days before (Matomo, with the
 * days it covers). Records are upserted, so writing a later day updates the same agencies.
 */
export async function seedDay(
  store: Store,
  date: CalendarDate,
  customers: readonly ScenarioCustomer[],
  options: { without?: SourceName[] } = {},
): Promise<void> {
  const exportedAt = at(date, 7);
  const skip = new Set(options.without ?? []);
  await store.transaction(async (tx) => {
    if (!skip.has("hubspot")) await writeHubspot(tx, exportedAt, customers);
    if (!skip.has("stripe")) await writeStripe(tx, exportedAt, customers);
    if (!skip.has("matomo")) await writeMatomo(tx, exportedAt, date, customers);
  });
}

async function writeHubspot(
  tx: StoreTx,
  exportedAt: number,
  customers: readonly ScenarioCustomer[],
) {
  await writeImport(tx, "hubspot_companies", exportedAt, async (importId) => {
    await tx.upsertRecords("hubspot_companies", customers.map(toCompany), importId);
    const tickets = customers.flatMap((customer) =>
      (customer.tickets ?? []).map((createdDate, index) => ({
        ticketId: `${customer.companyId}-${index + 1}`,
        companyId: customer.companyId,
        createdDate,
      })),
    );
    await tx.upsertRecords("hubspot_tickets", tickets, importId);
  });
}

async function writeStripe(
  tx: StoreTx,
  exportedAt: number,
  customers: readonly ScenarioCustomer[],
) {
  await writeImport(tx, "stripe_subscriptions", exportedAt, async (importId) => {
    const billed = customers.filter((customer) => customer.paymentFailed !== undefined);
    await tx.upsertRecords("stripe_customers", billed.map(toStripeCustomer), importId);
    await tx.upsertRecords("stripe_subscriptions", billed.map(toSubscription), importId);
  });
}

async function writeMatomo(
  tx: StoreTx,
  exportedAt: number,
  date: CalendarDate,
  customers: readonly ScenarioCustomer[],
) {
  await writeImport(tx, "matomo_visits", exportedAt, async (importId) => {
    const days = Array.from({ length: 30 }, (_, index) => addDays(date, index - 30));
    const visits = customers.flatMap((customer) => days.flatMap((day) => visitsOn(customer, day)));
    await tx.upsertRecords("matomo_visits", visits, importId);
    await tx.addCoveredDays(importId, days);
  });
}

async function writeImport(
  tx: StoreTx,
  kind: SourceKind,
  exportedAt: number,
  write: (importId: number) => Promise<void>,
): Promise<void> {
  const importId = await tx.beginImport({
    file: `scenario-${kind}.csv`,
    kind,
    startedAt: exportedAt,
  });
  await write(importId);
  await tx.finishImport(importId, {
    status: "imported",
    finishedAt: exportedAt,
    rowsRead: 0,
    rowsImported: 0,
    rowsRejected: 0,
    dataAsOf: exportedAt,
  });
}

function toCompany(customer: ScenarioCustomer) {
  return {
    companyId: customer.companyId,
    name: customer.name,
    domain: customer.domain,
    ownerName: customer.ownerName,
    plan: customer.plan,
    contractEndDate: customer.contractEndDate,
    accountStartDate: customer.accountStartDate,
  };
}

function toStripeCustomer(customer: ScenarioCustomer) {
  return {
    customerId: `cus_${customer.companyId}`,
    email: `accounts@${customer.domain}`,
    hubspotCompanyId: customer.companyId,
  };
}

function toSubscription(customer: ScenarioCustomer) {
  return {
    subscriptionId: `sub_${customer.companyId}`,
    customerId: `cus_${customer.companyId}`,
    status: customer.paymentFailed === true ? ("past_due" as const) : ("active" as const),
    startDate: customer.accountStartDate,
  };
}

function visitsOn(customer: ScenarioCustomer, day: CalendarDate): MatomoVisitRecord[] {
  const every = customer.loginEveryDays;
  if (every === undefined) return [];
  if (customer.inactiveFrom !== undefined && day >= customer.inactiveFrom) return [];
  const dayNumber = Temporal.PlainDate.from("2026-01-01").until(day).days;
  if (dayNumber % every !== 0) return [];

  return [
    {
      visitId: `1:${customer.companyId}-${day}`,
      userId: `jane.doe@${customer.domain}`,
      visitedAt: at(day, 10),
      visitDate: day,
      events: (customer.features ?? []).map((action) => ({ category: "Feature", action })),
    },
  ];
}

/** The daily run for `date`, started at 09:00 (or `hour`) that day. */
export function runOn(store: Store, date: CalendarDate, hour = 9) {
  return runDay(date, {
    store,
    config: CONFIG,
    rules: RULES,
    logger: LOGGER,
    now: () => at(date, hour),
  });
}

/** An outcome logged by Alex Morgan at 11:00 on `date`. */
export function logOn(
  store: Store,
  date: CalendarDate,
  request: Omit<OutcomeRequest, "note" | "loggedBy"> & Partial<OutcomeRequest>,
) {
  return logOutcome(
    { note: "", loggedBy: "Alex Morgan", ...request },
    { store, config: CONFIG, logger: LOGGER, now: () => at(date, 11) },
  );
}
