import { join } from "node:path";

import { DEMO_FILES, type CustomerFileKey } from "./demo-files.js";
import { countMalformed } from "./demo-profiles.js";
import {
  buildCompanyCells,
  draftTickets,
  HUBSPOT_COMPANY_HEADER,
  HUBSPOT_TICKET_HEADER,
  impossibleContractEnd,
  buildTicketCells,
  writeAsSpreadsheetNumber,
} from "./hubspot-rows.js";
import { openExportFile, type ExportFile } from "./open-export-file.js";
import { planCustomer, type CustomerPlan, type DemoRun } from "./plan-customer.js";
import type { PlantedProblem } from "./planted-problem.js";
import {
  STRIPE_CUSTOMER_HEADER,
  STRIPE_INVOICE_HEADER,
  STRIPE_SUBSCRIPTION_HEADER,
  buildStripeRows,
} from "./stripe-rows.js";

/** A file written, before it is dated. */
export interface WrittenFile {
  key: keyof typeof DEMO_FILES;
  path: string;
  rows: number;
  bytes: number;
}

/** HubSpot ticket ids: ten digits, numbered in the order the export lists them. */
const FIRST_TICKET_ID = 2_850_000_000;

/**
 * Plans each customer in turn and writes its company, tickets and Stripe rows, planting the
 * malformed company and invoice values its profile stands for. Returns the files and what was
 * planted.
 */
export async function writeCustomerFiles(
  outDir: string,
  run: DemoRun,
): Promise<{ files: WrittenFile[]; planted: PlantedProblem[] }> {
  const files = await openCustomerFiles(outDir);
  files.companies.writeRow(HUBSPOT_COMPANY_HEADER);
  files.tickets.writeRow(HUBSPOT_TICKET_HEADER);
  files.stripeCustomers.writeRow(STRIPE_CUSTOMER_HEADER);
  files.subscriptions.writeRow(STRIPE_SUBSCRIPTION_HEADER);
  files.invoices.writeRow(STRIPE_INVOICE_HEADER);

  const planted: PlantedProblem[] = [];
  let amountsToBreak = countMalformed(run.customers);
  let ticketId = FIRST_TICKET_ID;
  for (let index = 0; index < run.customers; index += 1) {
    const plan = planCustomer(run, index);
    files.companies.writeRow(buildCompanyCellsWithAccident(plan, run, files.companies, planted));
    for (const ticket of draftTickets(plan, run)) {
      files.tickets.writeRow(buildTicketCells(String(ticketId), ticket));
      ticketId += 1;
    }

    const stripe = buildStripeRows(plan, run);
    if (amountsToBreak > 0 && plan.profile.id === "healthy_steady") {
      if (breakAnInvoiceAmount(stripe.invoices, files.invoices, planted)) amountsToBreak -= 1;
    }
    for (const cells of stripe.customers) files.stripeCustomers.writeRow(cells);
    for (const cells of stripe.subscriptions) files.subscriptions.writeRow(cells);
    for (const cells of stripe.invoices) files.invoices.writeRow(cells);

    if (index % 64 === 63) for (const file of Object.values(files)) await file.flush();
  }

  const written: WrittenFile[] = [];
  for (const [key, file] of Object.entries(files) as [CustomerFileKey, ExportFile][]) {
    written.push({ key, path: file.path, rows: file.lines - 1, bytes: await file.close() });
  }

  return { files: written, planted };
}

async function openCustomerFiles(outDir: string): Promise<Record<CustomerFileKey, ExportFile>> {
  const keys: CustomerFileKey[] = [
    "companies",
    "tickets",
    "stripeCustomers",
    "subscriptions",
    "invoices",
  ];
  const files = await Promise.all(
    keys.map((key) => openExportFile(join(outDir, DEMO_FILES[key].name), DEMO_FILES[key].format)),
  );

  return Object.fromEntries(keys.map((key, at) => [key, files[at]])) as Record<
    CustomerFileKey,
    ExportFile
  >;
}

/** The company's row, with the spreadsheet accident its profile stands for. */
function buildCompanyCellsWithAccident(
  plan: CustomerPlan,
  run: DemoRun,
  file: ExportFile,
  planted: PlantedProblem[],
): string[] {
  const line = file.lines + 1;
  if (plan.profile.id === "malformed_record_id") {
    const value = writeAsSpreadsheetNumber(plan.companyId);
    planted.push({
      file: DEMO_FILES.companies.name,
      line,
      column: "Record ID",
      value,
      reason: `the id ${plan.companyId} of ${plan.name} was saved by a spreadsheet as ${value}`,
    });

    return buildCompanyCells(plan, run, { column: "Record ID", value });
  }
  if (plan.profile.id === "malformed_contract_date") {
    const value = impossibleContractEnd(run.asOfDay);
    planted.push({
      file: DEMO_FILES.companies.name,
      line,
      column: "Contract end date",
      value,
      reason: `the contract end date of ${plan.name} was typed as a day February does not have`,
    });

    return buildCompanyCells(plan, run, { column: "Contract end date", value });
  }

  return buildCompanyCells(plan, run);
}

/** Someone typed "n/a" over the amount remaining of an old paid invoice. */
function breakAnInvoiceAmount(
  invoices: string[][],
  file: ExportFile,
  planted: PlantedProblem[],
): boolean {
  const status = STRIPE_INVOICE_HEADER.indexOf("Status");
  const remaining = STRIPE_INVOICE_HEADER.indexOf("Amount Remaining");
  const position = invoices.findIndex(
    (cells) => cells[status] === "paid" && cells[remaining] === "0.00",
  );
  const cells = invoices[position];
  if (cells === undefined) return false;

  cells[remaining] = "n/a";
  planted.push({
    file: DEMO_FILES.invoices.name,
    line: file.lines + 1 + position,
    column: "Amount Remaining",
    value: "n/a",
    reason: `the amount remaining of paid invoice ${cells[0]} was typed over as "n/a"`,
  });

  return true;
}
