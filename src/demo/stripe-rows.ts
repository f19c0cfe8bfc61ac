import { findPeriodAround, listPeriodStarts, shiftMonths } from "./billing-periods.js";
import { createRandom, mixSeed, type Random } from "./create-random.js";
import { formatUtcMinutes } from "./day-numbers.js";
import { drawId, formatPounds, InvoiceBook, type BillingCustomer } from "./invoice-book.js";
import { nameUser } from "./name-user.js";
import type { CustomerPlan, DemoRun, PlanTier } from "./plan-customer.js";
import { STREAM } from "./random-streams.js";

/** Stripe Dashboard exports (customers, subscriptions, invoices), default column sets. */
export const STRIPE_CUSTOMER_HEADER = [
  "id",
  "Description",
  "Email",
  "Name",
  "Created (UTC)",
  "Delinquent",
  "hubspot_company_id (metadata)",
] as const;

export const STRIPE_SUBSCRIPTION_HEADER = [
  "id",
  "Customer ID",
  "Customer Email",
  "Customer Name",
  "Plan",
  "Product",
  "Quantity",
  "Currency",
  "Interval",
  "Amount",
  "Status",
  "Created (UTC)",
  "Start Date (UTC)",
  "Current Period Start (UTC)",
  "Current Period End (UTC)",
  "Trial Start (UTC)",
  "Trial End (UTC)",
  "Canceled At (UTC)",
  "Ended At (UTC)",
  "Cancel At Period End",
] as const;

export const STRIPE_INVOICE_HEADER = [
  "id",
  "Number",
  "Customer",
  "Customer Email",
  "Subscription",
  "Status",
  "Currency",
  "Amount Due",
  "Amount Paid",
  "Amount Remaining",
  "Attempt Count",
  "Attempted",
  "Date (UTC)",
  "Due Date (UTC)",
] as const;

/** One customer's rows in the three Stripe files, as cells. */
export interface StripeRows {
  customers: string[][];
  subscriptions: string[][];
  invoices: string[][];
}

/** Monthly list prices in pence; a yearly plan costs ten months. */
const MONTHLY_PENCE: Record<PlanTier, number> = {
  Basic: 9_900,
  Standard: 19_900,
  Enterprise: 44_900,
};

/** Invoices dated in the last 90 days: the period the team exports. */
const INVOICE_EXPORT_DAYS = 90;

const SECONDS_PER_DAY = 86_400;

/** The Stripe customer id of agency `index`, also typed into HubSpot by some teams. */
export function stripeCustomerIdOf(seed: number, index: number): string {
  return `cus_${drawId(createRandom(mixSeed(seed, STREAM.billing, index, 0)), 14)}`;
}

/** A customer's Stripe records as the plan describes them; none for a company billed elsewhere. */
export function buildStripeRows(plan: CustomerPlan, run: DemoRun): StripeRows {
  const rows: StripeRows = { customers: [], subscriptions: [], invoices: [] };
  if (plan.billing.link === "none") return rows;

  const random = createRandom(mixSeed(run.seed, STREAM.billing, plan.index, 1));
  const isPersonal =
    plan.billing.link === "company_field" || plan.billing.link === "gmail_unmatched";
  const customer: BillingCustomer = {
    id: stripeCustomerIdOf(run.seed, plan.index),
    email: billingEmailOf(plan, run.seed, random),
    name: isPersonal ? personOf(plan, run.seed) : plan.name,
    invoicePrefix: drawId(random, 8).toUpperCase(),
  };
  const startedAt = plan.customerSinceDay * SECONDS_PER_DAY + random.int(9 * 3600, 17 * 3600);
  rows.customers.push([
    customer.id,
    random.pick(["", "", "", "", "Head office", "Migrated from GoCardless", "Annual contract"]),
    customer.email,
    customer.name,
    formatUtcMinutes(startedAt - random.int(60, 3600)),
    String(plan.billing.problem !== "none"),
    plan.billing.link === "metadata" ? plan.companyId : "",
  ]);

  const currentStart = addEarlierSubscriptions(rows, plan, run, customer, startedAt, random);
  addCurrentSubscription(rows, plan, run, customer, currentStart, random);

  return rows;
}

/**
 * A first checkout that never went through, and the plan a customer upgraded from. Returns
 * when the current subscription started: at the upgrade, or when the customer did.
 */
function addEarlierSubscriptions(
  rows: StripeRows,
  plan: CustomerPlan,
  run: DemoRun,
  customer: BillingCustomer,
  startedAt: number,
  random: Random,
): number {
  const { billing } = plan;
  if (billing.hadIncompleteExpired) {
    const triedAt = startedAt - 2 * SECONDS_PER_DAY;
    rows.subscriptions.push(
      subscriptionCells(`sub_${drawId(random, 24)}`, customer, plan.plan, "month", {
        status: "incomplete_expired",
        createdAt: triedAt,
        periodStart: triedAt,
        periodEnd: shiftMonths(triedAt, 1),
        endedAt: triedAt + 23 * 3600,
      }),
    );
  }
  if (billing.upgradedFrom === undefined) return startedAt;

  // The upgrade is a new subscription; the old one was canceled the same minute.
  const upgradeDay = random.int(plan.customerSinceDay + 90, run.asOfDay - 40);
  const upgradedAt = upgradeDay * SECONDS_PER_DAY + (startedAt % SECONDS_PER_DAY);
  const period = findPeriodAround(startedAt, billing.interval, upgradedAt - 1);
  rows.subscriptions.push(
    subscriptionCells(
      `sub_${drawId(random, 24)}`,
      customer,
      billing.upgradedFrom,
      billing.interval,
      {
        status: "canceled",
        createdAt: startedAt,
        periodStart: period.start,
        periodEnd: period.end,
        canceledAt: upgradedAt,
        endedAt: upgradedAt,
      },
    ),
  );

  return upgradedAt;
}

function addCurrentSubscription(
  rows: StripeRows,
  plan: CustomerPlan,
  run: DemoRun,
  customer: BillingCustomer,
  startedAt: number,
  random: Random,
): void {
  const { billing } = plan;
  const exportedAt = run.exportedAt;
  const subscriptionId = `sub_${drawId(random, 24)}`;
  const canceledAt =
    billing.status === "canceled" ? exportedAt - random.int(10, 40) * SECONDS_PER_DAY : undefined;
  const trialEnd = billing.status === "trialing" ? startedAt + 14 * SECONDS_PER_DAY : undefined;
  // The period running at the export (or when the subscription was canceled).
  const period =
    trialEnd === undefined
      ? findPeriodAround(startedAt, billing.interval, (canceledAt ?? exportedAt) - 1)
      : { start: startedAt, end: trialEnd, count: 0 };
  rows.subscriptions.push(
    subscriptionCells(subscriptionId, customer, plan.plan, billing.interval, {
      status: billing.status,
      createdAt: startedAt,
      periodStart: period.start,
      periodEnd: period.end,
      trialStart: trialEnd === undefined ? undefined : startedAt,
      trialEnd,
      canceledAt,
      endedAt: canceledAt,
      cancelAtPeriodEnd: billing.cancelAtPeriodEnd,
    }),
  );

  const exportFrom = exportedAt - INVOICE_EXPORT_DAYS * SECONDS_PER_DAY;
  const starts =
    trialEnd === undefined ? listPeriodStarts(startedAt, billing.interval, period, exportFrom) : [];
  // Invoices are numbered from the first period on; a trial's first invoice is for nothing.
  const firstNumber = trialEnd === undefined ? period.count - starts.length + 2 : 1;
  const invoices = new InvoiceBook(customer, subscriptionId, random, firstNumber);
  if (trialEnd !== undefined) invoices.add({ at: startedAt, amount: 0, state: "paid" });
  const amount = priceOf(plan.plan, billing.interval);
  starts.forEach((at, position) => {
    const isLatest = position === starts.length - 1;
    if (isLatest && billing.problem === "past_due") {
      invoices.add({ at, amount, state: "failed", attempts: random.int(1, 4) });
    } else {
      const attempts = isLatest && billing.retriedPayment ? 2 : 1;
      invoices.add({ at, amount, state: "paid", attempts });
    }
  });
  addOneOffInvoice(invoices, plan, exportedAt, random);
  rows.invoices.push(...invoices.rows);
}

/** A one-off invoice sent for payment (extra branch set-up, training): overdue or not yet due. */
function addOneOffInvoice(
  invoices: InvoiceBook,
  plan: CustomerPlan,
  exportedAt: number,
  random: Random,
): void {
  const overdue = plan.billing.problem === "overdue_invoice";
  if (!overdue && !plan.billing.openInvoiceNotDue) return;

  // Sent with 30 days to pay: 35–50 days ago it is overdue; 2–20 days ago it is not due yet.
  const sentDaysAgo = overdue ? random.int(35, 50) : random.int(2, 20);
  const at = exportedAt - sentDaysAgo * SECONDS_PER_DAY - random.int(0, 8 * 3600);
  invoices.add({
    at,
    amount: random.pick([25_000, 35_000, 60_000]),
    state: "sent",
    dueAt: at + 30 * SECONDS_PER_DAY,
    oneOff: true,
  });
}

interface SubscriptionTimes {
  status: string;
  createdAt: number;
  periodStart: number;
  periodEnd: number;
  trialStart?: number | undefined;
  trialEnd?: number | undefined;
  canceledAt?: number | undefined;
  endedAt?: number | undefined;
  cancelAtPeriodEnd?: boolean | undefined;
}

function subscriptionCells(
  id: string,
  customer: BillingCustomer,
  tier: PlanTier,
  interval: "month" | "year",
  times: SubscriptionTimes,
): string[] {
  const time = (seconds: number | undefined) =>
    seconds === undefined ? "" : formatUtcMinutes(seconds);

  return [
    id,
    customer.id,
    customer.email,
    customer.name,
    `${tier} (${interval === "month" ? "monthly" : "yearly"})`,
    `Agency ${tier}`,
    "1",
    "gbp",
    interval,
    formatPounds(priceOf(tier, interval)),
    times.status,
    time(times.createdAt),
    time(times.createdAt),
    time(times.periodStart),
    time(times.periodEnd),
    time(times.trialStart),
    time(times.trialEnd),
    time(times.canceledAt),
    time(times.endedAt),
    String(times.cancelAtPeriodEnd ?? false),
  ];
}

function billingEmailOf(plan: CustomerPlan, seed: number, random: Random): string {
  const person = nameUser(seed, plan.index, 0);
  const personal = `${person.localPart}${random.int(1, 99)}@gmail.com`;
  switch (plan.billing.link) {
    case "company_field":
    case "gmail_unmatched":
      return personal;
    case "domain":
      return `${random.pick(["accounts", "finance", "office"])}@${plan.domain}`;
    default: {
      const draw = random.next();
      if (draw < 0.8) return `accounts@${plan.domain}`;

      return draw < 0.92 ? `${person.localPart}@${plan.domain}` : personal;
    }
  }
}

function personOf(plan: CustomerPlan, seed: number): string {
  const { first, last } = nameUser(seed, plan.index, 0);

  return `${first} ${last}`;
}

function priceOf(tier: PlanTier, interval: "month" | "year"): number {
  return MONTHLY_PENCE[tier] * (interval === "month" ? 1 : 10);
}
