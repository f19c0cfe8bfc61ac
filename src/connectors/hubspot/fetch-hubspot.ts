import type { SourceKind } from "../../domain/records.js";
import type { ImportSettings } from "../../importers/import-settings.js";
import type { FetchedListing, ListingSpool } from "../create-listing-spool.js";
import type { HubspotApi, HubspotObject, HubspotObjectType } from "./hubspot-api.js";
import {
  companyPropertiesOf,
  readHubspotCompany,
  readHubspotOwner,
  readHubspotTicket,
  TICKET_PROPERTIES,
} from "./read-hubspot-object.js";

export interface HubspotFetch {
  api: HubspotApi;
  settings: ImportSettings;
  spool: ListingSpool;
  /** Unix seconds when the sync started: the data's as-of time, and the next sync's mark. */
  startedAt: number;
  /**
   * Epoch ms: fetch only companies and tickets modified since (an incremental sync); undefined
   * fetches everything.
   */
  modifiedSinceMs?: number | undefined;
}

export const HUBSPOT_PRESET = "hubspot_api";
export const HUBSPOT_LISTINGS = {
  owners: "api:hubspot/owners",
  companies: "api:hubspot/companies",
  tickets: "api:hubspot/tickets",
} as const;

/**
 * Fetches HubSpot's owners, companies and tickets (with the companies each belongs to) into
 * the spool: every one the first time, then those modified since the last sync. Archived
 * companies and tickets are fetched every time and kept as deleted: the search endpoint does
 * not return them, and a customer deleted in HubSpot must leave the customer list.
 */
export async function fetchHubspot(fetch: HubspotFetch): Promise<FetchedListing[]> {
  const start = (name: string, kind: SourceKind) =>
    fetch.spool.start({ name, kind, preset: HUBSPOT_PRESET });
  const owners = start(HUBSPOT_LISTINGS.owners, "hubspot_owners");
  for await (const page of fetch.api.listOwners()) {
    for (const owner of page) await owners.add(readHubspotOwner(owner));
  }

  const companies = start(HUBSPOT_LISTINGS.companies, "hubspot_companies");
  const companyProperties = companyPropertiesOf(fetch.settings);
  for await (const page of pagesOf(fetch, "companies", companyProperties)) {
    for (const company of page) await companies.add(readHubspotCompany(company, fetch.settings));
  }

  const tickets = start(HUBSPOT_LISTINGS.tickets, "hubspot_tickets");
  for await (const page of pagesOf(fetch, "tickets", TICKET_PROPERTIES)) {
    const live = page.filter((ticket) => !ticket.archived).map((ticket) => ticket.id);
    const companyIds = await fetch.api.readTicketCompanies(live);
    for (const ticket of page) {
      const ids = companyIds.get(ticket.id) ?? [];
      await tickets.add(readHubspotTicket(ticket, ids, fetch.settings));
    }
  }

  const asOf = { dataAsOf: fetch.startedAt };

  return [await owners.finish(asOf), await companies.finish(asOf), await tickets.finish(asOf)];
}

/** The live objects (all, or those modified since the mark), then every archived one. */
async function* pagesOf(
  fetch: HubspotFetch,
  type: HubspotObjectType,
  properties: readonly string[],
): AsyncIterable<HubspotObject[]> {
  const sinceMs = fetch.modifiedSinceMs;
  yield* sinceMs === undefined
    ? fetch.api.listObjects(type, { properties, archived: false })
    : fetch.api.listModifiedObjects(type, { properties, sinceMs });
  yield* fetch.api.listObjects(type, { properties, archived: true });
}
