import type { CompanyRecord } from "../domain/records.js";
import { noonOf, type FakeBusiness, type FakeTicket } from "./fake-business.js";

/**
 * HubSpot's view of the fake business: each company and ticket as an object with every
 * property HubSpot would hold for it, and rendered as the CRM API answers.
 */

export type ObjectType = "companies" | "tickets";
export type Properties = Record<string, string | null>;
export interface Served {
  id: string;
  properties: Properties;
  archived: boolean;
  modifiedAt: number;
}

/** Properties HubSpot returns whether asked for or not. */
const DEFAULT_PROPERTIES = ["createdate", "hs_lastmodifieddate", "hs_object_id"];

/** Every object of a type, by id, with every property HubSpot would hold for it. */
export function served(business: FakeBusiness, type: ObjectType): Served[] {
  const objects =
    type === "companies"
      ? business.companies.map((company) => servedCompany(company, business))
      : business.tickets.map((ticket) => servedTicket(ticket, business));

  return objects.sort((a, b) => compareIds(a.id, b.id));
}

function servedCompany(company: CompanyRecord, business: FakeBusiness): Served {
  const names = business.hubspotProperties;
  const modifiedAt = company.modifiedAt ?? 0;

  return {
    id: company.companyId,
    archived: company.isDeleted ?? false,
    modifiedAt,
    properties: {
      name: company.name,
      domain: company.domain ?? null,
      hubspot_owner_id: company.ownerId ?? null,
      [names.plan]: company.plan ?? null,
      [names.contractEnd]: company.contractEndDate ?? null,
      [names.accountStart]: company.accountStartDate ?? null,
      [names.stripeCustomer]: company.stripeCustomerId ?? null,
      createdate: isoOf(modifiedAt),
      hs_lastmodifieddate: isoOf(modifiedAt),
      hs_object_id: company.companyId,
    },
  };
}

function servedTicket(ticket: FakeTicket, business: FakeBusiness): Served {
  const { timeZone } = business;
  const closed =
    ticket.closedDate === undefined ? null : isoOf(noonOf(ticket.closedDate, timeZone));

  return {
    id: ticket.ticketId,
    archived: ticket.isDeleted ?? false,
    modifiedAt: ticket.modifiedAt,
    properties: {
      subject: `Ticket ${ticket.ticketId}`,
      createdate: isoOf(noonOf(ticket.createdDate, timeZone)),
      closed_date: closed,
      hs_pipeline: "0",
      hs_pipeline_stage: closed === null ? "1" : "4",
      hs_lastmodifieddate: isoOf(ticket.modifiedAt),
      hs_object_id: ticket.ticketId,
    },
  };
}

/** The properties asked for (null when the object has no value) and HubSpot's defaults. */
export function render(object: Served, requested: readonly string[]) {
  const properties: Properties = {};
  for (const name of [...DEFAULT_PROPERTIES, ...requested]) {
    properties[name] = object.properties[name] ?? null;
  }
  const at = isoOf(object.modifiedAt);

  return {
    id: object.id,
    properties,
    createdAt: at,
    updatedAt: at,
    archived: object.archived,
    ...(object.archived ? { archivedAt: at } : {}),
  };
}

export function associated(companyIds: readonly string[], offset: number) {
  return companyIds.map((id, index) => ({
    toObjectId: Number(id),
    associationTypes:
      offset + index === 0
        ? [
            { category: "HUBSPOT_DEFINED", typeId: 339, label: "Primary" },
            { category: "HUBSPOT_DEFINED", typeId: 26, label: null },
          ]
        : [{ category: "HUBSPOT_DEFINED", typeId: 26, label: null }],
  }));
}

export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function isoOf(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
