import { normalizeDomain } from "../../domain/email-domain.js";
import { hubspotIdCell, idCell } from "../../importers/cell-value.js";
import type { ImportSettings } from "../../importers/import-settings.js";
import type { ExportRecord } from "../../importers/opened-export.js";
import type { ReadObject } from "../create-listing-spool.js";
import type { HubspotObject, HubspotOwner } from "./hubspot-api.js";
import { HubspotProperties } from "./hubspot-properties.js";

/** The company properties csops asks for; the configured ones come from `import.hubspot.*`. */
export function companyPropertiesOf(settings: ImportSettings): string[] {
  const configured = settings.hubspotProperties;

  return [
    "name",
    "domain",
    "website",
    "hubspot_owner_id",
    "hs_lastmodifieddate",
    configured.plan,
    configured.contractEnd,
    configured.accountStart,
    configured.stripeCustomer,
  ];
}

export const TICKET_PROPERTIES = ["createdate", "closed_date", "hs_lastmodifieddate"];

/**
 * A company as a record. HubSpot lets a company have no name (one created from a domain); its
 * domain then names it, as HubSpot's own lists do, rather than losing a customer. An archived
 * company is kept as deleted, so a customer removed in HubSpot leaves the customer list.
 */
export function readHubspotCompany(object: HubspotObject, settings: ImportSettings): ReadObject {
  const p = new HubspotProperties(object);
  const names = settings.hubspotProperties;
  const domain = normalizeDomain(p.text("domain") ?? p.text("website") ?? "");
  const record = {
    companyId: p.required("id", p.parse("id", hubspotIdCell, object.id)),
    name: p.required("name", p.text("name") ?? domain),
    domain,
    ownerId: p.parse("hubspot_owner_id", hubspotIdCell),
    plan: p.text(names.plan),
    contractEndDate: p.date(names.contractEnd),
    accountStartDate: p.date(names.accountStart),
    stripeCustomerId: p.parse(names.stripeCustomer, idCell),
    isDeleted: object.archived,
    modifiedAt: p.instant("hs_lastmodifieddate"),
  };

  return p.problems.length > 0
    ? { problems: p.problems }
    : { records: [{ kind: "hubspot_companies", record }] };
}

/**
 * A ticket as a record, with one association row per company: the ticket's own company is the
 * primary one (or the first), as a ticket export with "Associated Company IDs" gives them.
 */
export function readHubspotTicket(
  object: HubspotObject,
  companyIds: readonly string[],
  settings: ImportSettings,
): ReadObject {
  const p = new HubspotProperties(object);
  const ticketId = p.required("id", p.parse("id", hubspotIdCell, object.id));
  const createdAt = p.required("createdate", p.instant("createdate"));
  const closedAt = p.instant("closed_date");
  if (p.problems.length > 0) return { problems: p.problems };

  const ticket: ExportRecord = {
    kind: "hubspot_tickets",
    record: {
      ticketId,
      companyId: companyIds[0],
      createdDate: settings.team.dateOf(createdAt),
      closedDate: closedAt === undefined ? undefined : settings.team.dateOf(closedAt),
      isDeleted: object.archived,
    },
  };
  const associations = companyIds.map((companyId): ExportRecord => ({
    kind: "hubspot_ticket_companies",
    record: { ticketId, companyId },
  }));

  return { records: [ticket, ...associations] };
}

/** An owner, named as people see them: first and last name, else the e-mail, else the id. */
export function readHubspotOwner(owner: HubspotOwner): ReadObject {
  const name = [owner.firstName, owner.lastName]
    .filter((part) => part?.trim())
    .join(" ")
    .trim();
  const parsed = hubspotIdCell(owner.id);
  if ("expected" in parsed) {
    return {
      problems: [{ column: "id", value: owner.id, message: `expected ${parsed.expected}` }],
    };
  }

  return {
    records: [
      {
        kind: "hubspot_owners",
        record: {
          ownerId: parsed.value,
          name: name || owner.email || owner.id,
          email: owner.email,
        },
      },
    ],
  };
}
