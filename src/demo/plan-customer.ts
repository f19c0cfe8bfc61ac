import { createRandom, mixSeed, type Random } from "./create-random.js";
import { addYearsClamped } from "./day-numbers.js";
import { DEMO_PROFILES, type DemoProfile, type DemoProfileId } from "./demo-profiles.js";
import { drawEarlierActivity, type EarlierActivity } from "./draw-earlier-activity.js";
import { nameAgency } from "./name-agency.js";
import { STREAM } from "./random-streams.js";

export type PlanTier = "Basic" | "Standard" | "Enterprise";

/** What every customer of a run is drawn from. */
export interface DemoRun {
  seed: number;
  customers: number;
  /** The evaluation date as a day number: the exports are made that morning. */
  asOfDay: number;
  /** 09:00 on the evaluation date in the team's zone (Unix seconds): nothing happens after it. */
  exportedAt: number;
  /** Each customer's index into DEMO_PROFILES. */
  profiles: Uint8Array;
}

/** Everything the exports say about one customer, decided before any row is written. */
export interface CustomerPlan {
  index: number;
  profile: DemoProfile & { id: DemoProfileId };
  companyId: string;
  name: string;
  /** Lower-case and bare: the domain of its users' e-mail addresses. */
  domain: string;
  /** As typed into HubSpot: now and then with `www.` or capitals. */
  domainAsWritten: string;
  owner: string | undefined;
  plan: PlanTier;
  /** HubSpot's record creation, in the portal's zone: a day number and minutes after midnight. */
  createdDay: number;
  createdMinute: number;
  customerSinceDay: number;
  contractEndDay: number;
  userCount: number;
  /** Tickets created in the 28 days before the evaluation date. */
  recentTickets: number;
  /** Tickets created 33 to 58 days before it: outside the 30-day window. */
  olderTickets: number;
  activity: ActivityPlan;
  /** The usage before those 30 days, for a visits log that reaches further back. */
  earlier: EarlierActivity;
  billing: BillingPlan;
}

export interface ActivityPlan {
  /** Logins in the 30 days before the evaluation date. */
  logins: number;
  /** Days from the last login to the evaluation date; 0 when there is no login. */
  lastLoginDaysAgo: number;
  /** Distinct features used in those days. */
  features: number;
}

export type BillingLink = "metadata" | "domain" | "company_field" | "gmail_unmatched" | "none";

export interface BillingPlan {
  /** How the Stripe customer finds its company (metadata id, e-mail domain, id on the company). */
  link: BillingLink;
  status: "active" | "past_due" | "trialing" | "canceled";
  interval: "month" | "year";
  /** A failing payment: the subscription's invoice failed, or a one-off invoice is overdue. */
  problem: "none" | "past_due" | "overdue_invoice";
  /** A plan the customer upgraded from: that subscription was canceled at the upgrade. */
  upgradedFrom: PlanTier | undefined;
  /** A first checkout whose payment never went through (`incomplete_expired`). */
  hadIncompleteExpired: boolean;
  cancelAtPeriodEnd: boolean;
  /** The latest paid invoice needed a second attempt. */
  retriedPayment: boolean;
  /** A one-off invoice sent for payment and not due yet. */
  openInvoiceNotDue: boolean;
}

const OWNERS = ["Alex Morgan", "Sam Patel"] as const;

/** Decides one customer of the run; the same run and index always give the same customer. */
export function planCustomer(run: DemoRun, index: number): CustomerPlan {
  const profile = DEMO_PROFILES[run.profiles[index] ?? 0] as CustomerPlan["profile"];
  const random = createRandom(mixSeed(run.seed, STREAM.company, index));
  const { name, domain } = nameAgency(index, run.seed);
  const plan = drawPlanTier(profile, random);
  const dates = drawDates(profile, run.asOfDay, random);
  const ageDays = run.asOfDay - dates.customerSinceDay;

  const customer = {
    index,
    profile,
    companyId: companyIdOf(run, index),
    name,
    domain,
    domainAsWritten: writeDomainAsTyped(domain, random),
    owner: random.chance(0.1) ? undefined : random.pick(OWNERS),
    plan,
    ...dates,
    userCount: plan === "Enterprise" ? random.int(4, 6) : random.pick([2, 2, 3, 3, 3, 4, 4, 5]),
    ...drawTickets(profile, random),
    activity: drawActivity(profile, plan, ageDays, random),
    billing: drawBilling(profile, plan, ageDays, random),
  };
  // Its own stream: the draws above stay as they were before the visits log reached back.
  const earlier = createRandom(mixSeed(run.seed, STREAM.earlierActivity, index));

  return {
    ...customer,
    earlier: drawEarlierActivity(profile.earlier, customer.activity, earlier),
  };
}

/**
 * HubSpot company ids are 10–11 digit numbers. Each index gets its own slot of ids and a
 * seeded place in it, so ids are unique, look unordered, and any customer's id can be found
 * from its index (tickets name a second company by it).
 */
export function companyIdOf(run: Pick<DemoRun, "seed" | "customers">, index: number): string {
  const slot = Math.min(100_000_000, Math.max(1, Math.floor(89_000_000_000 / run.customers)));

  return String(9_500_000_000 + index * slot + (mixSeed(run.seed, STREAM.companyId, index) % slot));
}

function drawPlanTier(profile: DemoProfile, random: Random): PlanTier {
  const draw = random.next();
  // Expansion needs Basic or Standard; the other profiles carry the Enterprise share for it,
  // so the whole base stays about 50% Basic, 35% Standard, 15% Enterprise.
  if (profile.intended === "expansion_opportunity") return draw < 0.59 ? "Basic" : "Standard";
  if (draw < 0.49) return "Basic";

  return draw < 0.833 ? "Standard" : "Enterprise";
}

function drawDates(profile: DemoProfile, asOfDay: number, random: Random) {
  let customerSinceDay: number;
  let contractEndDay: number;
  if (profile.accountAge !== undefined) {
    // New accounts sign a one-year contract on the day they become customers.
    customerSinceDay = asOfDay - random.int(...profile.accountAge);
    contractEndDay = addYearsClamped(customerSinceDay, 1);
  } else {
    const [min, max] = profile.renewal ?? [63, 365];
    contractEndDay = asOfDay + random.int(min, max);
    // Established customers renew on the anniversary of the day they started, 1 to 4 years
    // ago, and are at least 33 days old: clear of the 30-day onboarding rule.
    const starts = [1, 2, 3, 4]
      .map((years) => addYearsClamped(contractEndDay, -years))
      .filter((day) => day <= asOfDay - 33 && day >= addYearsClamped(asOfDay, -4));
    customerSinceDay = random.pick(starts.length > 0 ? starts : [asOfDay - 33]);
  }

  const leadDays = profile.accountAge === undefined ? random.int(7, 200) : random.int(3, 60);

  return {
    customerSinceDay,
    contractEndDay,
    createdDay: customerSinceDay - leadDays,
    createdMinute: random.int(8 * 60, 18 * 60 + 59),
  };
}

function writeDomainAsTyped(domain: string, random: Random): string {
  const draw = random.next();
  if (draw < 0.04) return `www.${domain}`;
  if (draw < 0.06)
    return domain.replace(
      /(^|-)([a-z])/g,
      (_, dash: string, letter: string) => dash + letter.toUpperCase(),
    );

  return domain;
}

function drawTickets(profile: DemoProfile, random: Random) {
  const usual = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2];
  const recentTickets =
    profile.tickets === "many"
      ? random.int(3, 6)
      : random.pick(profile.tickets === "at_most_one" ? [0, 0, 0, 1] : usual);

  return { recentTickets, olderTickets: random.pick([0, 0, 0, 0, 0, 1, 1, 1, 2, 3]) };
}

function drawActivity(
  profile: DemoProfile & { id: DemoProfileId },
  plan: PlanTier,
  ageDays: number,
  random: Random,
): ActivityPlan {
  let logins = random.int(...profile.logins);
  let features = random.int(...profile.features);
  if (profile.id === "healthy_steady") {
    // Enterprise offices log in more; some Basic/Standard agencies are heavy users of one or
    // two features, which is Healthy & Stable rather than Expansion (3 features needed).
    if (plan === "Enterprise") logins = random.int(8, 20);
    else if (random.chance(0.1)) [logins, features] = [random.int(15, 19), random.int(1, 2)];
  }
  if (logins === 0) return { logins: 0, lastLoginDaysAgo: 0, features: 0 };

  // A login needs the account to exist: the last one is on or after the day it started.
  const lastLoginDaysAgo = Math.min(random.int(...profile.lastLogin), ageDays);

  return { logins, lastLoginDaysAgo, features: Math.min(features, logins) };
}

function drawBilling(
  profile: DemoProfile & { id: DemoProfileId },
  plan: PlanTier,
  ageDays: number,
  random: Random,
): BillingPlan {
  const linkDraw = random.next();
  const paying: BillingPlan = {
    link: linkDraw < 0.86 ? "metadata" : linkDraw < 0.95 ? "domain" : "company_field",
    status: "active",
    interval: random.chance({ Basic: 0.1, Standard: 0.2, Enterprise: 0.55 }[plan])
      ? "year"
      : "month",
    problem: "none",
    upgradedFrom: drawUpgrade(plan, ageDays, random),
    hadIncompleteExpired: random.chance(0.015),
    // A few agencies with renewal close have told Stripe to stop at the period's end.
    cancelAtPeriodEnd: profile.id === "renewal_due_quiet" && random.chance(0.1),
    retriedPayment: random.chance(0.08),
    openInvoiceNotDue: random.chance(0.03),
  };

  switch (profile.billing) {
    case "paying":
      // Fresh accounts are often still in their 14-day trial.
      return ageDays <= 13 && random.chance(0.35)
        ? { ...paying, status: "trialing", interval: "month", upgradedFrom: undefined }
        : paying;
    case "failing":
      return random.chance(0.65)
        ? { ...paying, status: "past_due", interval: "month", problem: "past_due" }
        : { ...paying, problem: "overdue_invoice", openInvoiceNotDue: false };
    case "gmail_unmatched":
      return { ...paying, link: "gmail_unmatched" };
    case "no_customer":
      return { ...paying, link: "none" };
    case "canceled":
      return { ...paying, link: "metadata", status: "canceled", openInvoiceNotDue: false };
  }
}

/** Some customers of over a year upgraded once, from the plan below theirs. */
function drawUpgrade(plan: PlanTier, ageDays: number, random: Random): PlanTier | undefined {
  if (plan === "Basic" || ageDays <= 400 || !random.chance(0.05)) return undefined;

  return plan === "Enterprise" ? "Standard" : "Basic";
}
