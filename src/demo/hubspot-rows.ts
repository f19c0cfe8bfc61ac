import { createRandom, mixSeed, type Random } from "./create-random.js";
import { dateOfDayNumber, dayNumberOf, formatDayAndMinute } from "./day-numbers.js";
import { TICKET_PIPELINE, TICKET_SUBJECTS } from "./demo-vocabulary.js";
import { drawWorkingDay } from "./draw-working-day.js";
import { companyIdOf, type CustomerPlan, type DemoRun } from "./plan-customer.js";
import { STREAM } from "./random-streams.js";
import { stripeCustomerIdOf } from "./stripe-rows.js";

/** HubSpot's UI export of companies, with the labels of the properties csops reads. */
export const HUBSPOT_COMPANY_HEADER = [
  "Record ID",
  "Company name",
  "Company Domain Name",
  "Company owner",
  "Create Date",
  "Plan",
  "Contract end date",
  "Customer since",
  "Stripe customer ID",
] as const;

/** HubSpot's UI export of tickets with their company associations. */
export const HUBSPOT_TICKET_HEADER = [
  "Ticket ID",
  "Ticket name",
  "Create date",
  "Close date",
  "Pipeline",
  "Ticket status",
  "Associated Company IDs",
] as const;

/** One ticket before it gets its id: times are in the portal's zone. */
export interface TicketDraft {
  subject: string;
  createdDay: number;
  createdMinute: number;
  closed: { day: number; minute: number } | undefined;
  status: string;
  companyIds: string[];
}

/** A company row; `damage` replaces one value with a planted spreadsheet accident. */
export function buildCompanyCells(
  plan: CustomerPlan,
  run: DemoRun,
  damage?: { column: "Record ID" | "Contract end date"; value: string },
): string[] {
  const cells = [
    plan.companyId,
    plan.name,
    plan.domainAsWritten,
    plan.owner ?? "",
    formatDayAndMinute(plan.createdDay, plan.createdMinute),
    plan.plan,
    dateOfDayNumber(plan.contractEndDay),
    dateOfDayNumber(plan.customerSinceDay),
    plan.billing.link === "company_field" ? stripeCustomerIdOf(run.seed, plan.index) : "",
  ];
  if (damage !== undefined) cells[HUBSPOT_COMPANY_HEADER.indexOf(damage.column)] = damage.value;

  return cells;
}

export function buildTicketCells(ticketId: string, ticket: TicketDraft): string[] {
  return [
    ticketId,
    ticket.subject,
    formatDayAndMinute(ticket.createdDay, ticket.createdMinute),
    ticket.closed === undefined ? "" : formatDayAndMinute(ticket.closed.day, ticket.closed.minute),
    TICKET_PIPELINE,
    ticket.status,
    ticket.companyIds.join(";"),
  ];
}

/**
 * A customer's tickets over the 60 days before the evaluation date: the planned number in the
 * last 28 days, the others 33 to 58 days back (clear of the 30-day window's edge), never before
 * the account existed. A few old tickets also name the next agency (a shared landlord, a
 * franchise), and about one customer in a hundred has an old ticket with no company at all.
 */
export function draftTickets(plan: CustomerPlan, run: DemoRun): TicketDraft[] {
  const random = createRandom(mixSeed(run.seed, STREAM.tickets, plan.index));
  const firstDay = Math.max(plan.customerSinceDay, plan.createdDay);
  const recent = Array.from({ length: plan.recentTickets }, () =>
    draftTicket(random, run.asOfDay, Math.max(run.asOfDay - 28, firstDay), run.asOfDay - 1),
  );
  const olderFrom = Math.max(run.asOfDay - 58, firstDay);
  const older =
    olderFrom > run.asOfDay - 33
      ? []
      : Array.from({ length: plan.olderTickets }, () =>
          draftTicket(random, run.asOfDay, olderFrom, run.asOfDay - 33),
        );

  for (const ticket of recent) ticket.companyIds = [plan.companyId];
  for (const ticket of older) {
    ticket.companyIds = [plan.companyId];
    if (random.chance(0.04) && run.customers > 1) {
      ticket.companyIds.push(companyIdOf(run, (plan.index + 1) % run.customers));
    }
  }
  if (random.chance(0.01) && olderFrom <= run.asOfDay - 33) {
    older.push(draftTicket(random, run.asOfDay, olderFrom, run.asOfDay - 33));
  }

  return [...older, ...recent];
}

function draftTicket(random: Random, asOfDay: number, from: number, to: number): TicketDraft {
  const createdDay = drawWorkingDay(random, from, to);
  const createdMinute = random.int(8 * 60, 18 * 60 + 30);
  const age = asOfDay - createdDay;
  // Most tickets older than a few days are closed; a closed one closed before the export.
  const isClosed = random.chance(age > 20 ? 0.9 : age > 3 ? 0.6 : 0.3);
  const closedDay = Math.min(createdDay + random.int(0, 6), asOfDay - 1);
  const closedMinute =
    closedDay === createdDay ? random.int(createdMinute, 19 * 60) : random.int(8 * 60, 19 * 60);

  return {
    subject: random.pick(TICKET_SUBJECTS),
    createdDay,
    createdMinute,
    closed: isClosed ? { day: closedDay, minute: closedMinute } : undefined,
    status: isClosed ? "Closed" : random.pick(["New", "Waiting on contact", "Waiting on us"]),
    companyIds: [],
  };
}

/** Excel's General format for a 10+ digit number that it shows shortened: `1.87343E+10`. */
export function writeAsSpreadsheetNumber(id: string): string {
  const [mantissa = "", exponent = ""] = Number(id).toExponential(5).split("e");

  return `${mantissa.replace(/\.?0+$/, "")}E+${exponent.replace("+", "").padStart(2, "0")}`;
}

/** 30 February of the first February at least two months ahead: a renewal that cannot be. */
export function impossibleContractEnd(asOfDay: number): string {
  const year = Number(dateOfDayNumber(asOfDay).slice(0, 4));
  const sameYear = dayNumberOf(`${year}-02-28`) >= asOfDay + 62;

  return `${sameYear ? year : year + 1}-02-30`;
}
