import type { Config } from "../config/config-schema.js";
import type { CompanyRecord, TicketRecord } from "../domain/records.js";
import { openExportOrFail } from "../importers/open-export.js";
import { createEmptyBusiness, noonOf, type FakeBusiness, type FakeOwner } from "./fake-business.js";

/**
 * The business some export files describe, for the fakes to serve: the files are read by the
 * importers, exactly as `csops import` reads them, so syncing from the fakes and importing the
 * files must give the same facts. Rows the importers reject are not served either.
 *
 * UI exports name owners rather than giving their ids; each name becomes an owner with an id,
 * as HubSpot's owners list would have it. `modifiedAt` (Unix s) dates companies that carry no
 * last-modified time of their own.
 */
export async function readExportsAsBusiness(
  files: readonly string[],
  options: { config: Config; modifiedAt: number },
): Promise<FakeBusiness> {
  const { config } = options;
  const business = createEmptyBusiness(config.time_zone);
  const hubspot = config.import.hubspot;
  business.hubspotProperties = {
    plan: hubspot.plan_property,
    contractEnd: hubspot.contract_end_property,
    accountStart: hubspot.account_start_property,
    stripeCustomer: hubspot.stripe_customer_property,
  };
  business.matomo.timeZone = config.matomo.site_time_zone;
  const companies: CompanyRecord[] = [];
  const tickets = new Map<string, { ticket: TicketRecord; companyIds: Set<string> }>();

  for (const file of files) {
    const opened = await openExportOrFail(file, { config });
    for await (const row of opened.rows) {
      if ("problems" in row) continue;
      if (row.kind === "hubspot_companies") companies.push(row.record);
      if (row.kind === "hubspot_tickets") {
        const companyIds = new Set(row.record.companyId ? [row.record.companyId] : []);
        tickets.set(row.record.ticketId, { ticket: row.record, companyIds });
      }
      if (row.kind === "hubspot_ticket_companies") {
        tickets.get(row.record.ticketId)?.companyIds.add(row.record.companyId);
      }
      if (row.kind === "stripe_customers") business.stripeCustomers.push(row.record);
      if (row.kind === "stripe_subscriptions") business.subscriptions.push(row.record);
      if (row.kind === "stripe_invoices") business.invoices.push(row.record);
      if (row.kind === "matomo_visits") business.matomo.visits.push(row.record);
    }
  }

  const owners = ownersOf(companies);
  business.owners = [...owners.values()];
  const ownerIds = new Map([...owners].map(([name, owner]) => [name, owner.ownerId]));
  business.companies = companies.map(({ ownerName, ...company }) => ({
    ...company,
    ownerId: company.ownerId ?? (ownerName === undefined ? undefined : ownerIds.get(ownerName)),
    modifiedAt: company.modifiedAt ?? options.modifiedAt,
  }));
  business.tickets = [...tickets.values()].map(({ ticket, companyIds }) => ({
    ...ticket,
    companyIds: [...companyIds],
    modifiedAt: noonOf(ticket.closedDate ?? ticket.createdDate, config.time_zone),
  }));
  const site = business.matomo.visits[0]?.visitId.split(":")[0];
  if (site !== undefined && /^\d+$/.test(site)) business.matomo.siteId = Number(site);

  return business;
}

/** One owner per name, numbered in name order so the same files give the same ids. */
function ownersOf(companies: readonly CompanyRecord[]): Map<string, FakeOwner> {
  const names = [...new Set(companies.flatMap((c) => (c.ownerName ? [c.ownerName] : [])))].sort();

  return new Map(
    names.map((name, index) => {
      const [firstName = name, ...rest] = name.split(" ");
      const lastName = rest.join(" ");
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@csops-fake.example`;

      return [name, { ownerId: String(750_000_001 + index), firstName, lastName, email }];
    }),
  );
}
