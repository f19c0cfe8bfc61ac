import { normalizeDomain } from "../../domain/email-domain.js";
import {
  booleanCell,
  choiceCell,
  countCell,
  hubspotIdCell,
  hubspotIdListCell,
  idCell,
  textCell,
  type CellParser,
} from "../cell-value.js";
import type { ImportSettings } from "../import-settings.js";
import { companyReader, type CompanyFields } from "../kinds/company-reader.js";
import { ticketCompanyReader } from "../kinds/ticket-company-reader.js";
import { ticketReader } from "../kinds/ticket-reader.js";
import { definePresetTable, type AnyPresetTable, type FieldSpecs } from "../preset-table.js";
import { dateCell, dateOrNeverCell, instantCell, instantDateCell } from "../time-cell.js";

/** A website that is not a domain is left out rather than rejecting the company. */
const domainCell: CellParser<string | undefined> = (text) => ({ value: normalizeDomain(text) });

/** The seed's flow writes Stripe's payment state onto the company; these are its values. */
const paymentStatusCell = choiceCell(
  { failed: true, past_due: true, unpaid: true, current: false, paid: false, active: false },
  "a payment status: Failed, Past due or Unpaid; Current, Paid or Active",
);

/** A UI export labels a custom property as typed; `contract_end_date` reads "Contract end date". */
function labelsOf(property: string): string[] {
  return [property, property.replace(/_/g, " ")];
}

/**
 * HubSpot exports in three shapes: the UI export (property labels as headers, datetimes in the
 * portal's zone), a warehouse sync (`property_<name>` columns, UTC timestamps), and the seed's
 * HubSpot-only company export that also carries every usage and payment fact.
 */
export function hubspotPresetTables(settings: ImportSettings): AnyPresetTable[] {
  const { portal, team, utc, hubspotProperties: property } = settings;

  const uiCompanyFields: FieldSpecs<CompanyFields> = {
    company_id: { headers: ["Record ID", "Company ID"], required: true, parse: hubspotIdCell },
    name: { headers: ["Company name", "Name"], required: true, parse: textCell },
    domain: {
      headers: ["Company Domain Name", "Website URL", "Domain", "Website"],
      parse: domainCell,
    },
    owner_name: { headers: ["Company owner", "Owner"], parse: textCell },
    plan: { headers: labelsOf(property.plan), parse: textCell },
    contract_end_date: { headers: labelsOf(property.contractEnd), parse: dateCell },
    account_start_date: { headers: labelsOf(property.accountStart), parse: dateCell },
    stripe_customer_id: { headers: labelsOf(property.stripeCustomer), parse: idCell },
    modified_at: { headers: ["Last Modified Date"], parse: instantCell(portal) },
  };
  const uiSignature = ["Create Date", "Last Activity Date", "Country/Region", "Phone Number"];
  const ticketColumns = ["Ticket ID", "Ticket name", "Pipeline", "Ticket status"];

  return [
    definePresetTable({
      preset: "hubspot_ui",
      reader: companyReader,
      fields: uiCompanyFields,
      signature: uiSignature,
      excludedBy: ticketColumns,
    }),
    definePresetTable({
      preset: "hubspot_only",
      reader: companyReader,
      fields: {
        ...uiCompanyFields,
        plan: { headers: labelsOf(property.plan), required: true, parse: textCell },
        contract_end_date: {
          headers: labelsOf(property.contractEnd),
          required: true,
          parse: dateCell,
        },
        ticket_count: {
          headers: ["Support tickets (30 days)", "Support tickets", "Support ticket count"],
          required: true,
          parse: countCell,
        },
        payment_failed: { headers: ["Payment status"], required: true, parse: paymentStatusCell },
        last_login_date: {
          headers: ["Last login date", "Last login"],
          required: true,
          parse: dateOrNeverCell,
        },
        logins_30d: {
          headers: ["Logins (30 days)", "Logins (last 30 days)"],
          required: true,
          parse: countCell,
        },
        features_used_30d: {
          headers: ["Features used (30 days)", "Features used (last 30 days)"],
          required: true,
          parse: countCell,
        },
      },
      signature: uiSignature,
      excludedBy: ticketColumns,
    }),
    definePresetTable({
      preset: "hubspot_ui",
      reader: ticketReader,
      fields: {
        ticket_id: { headers: ["Ticket ID"], required: true, parse: hubspotIdCell },
        created_date: {
          headers: ["Create date", "Created date"],
          required: true,
          parse: instantDateCell(portal, team),
        },
        closed_date: {
          headers: ["Close date", "Closed date"],
          parse: instantDateCell(portal, team),
        },
        company_id: {
          headers: ["Associated Company IDs (Primary)", "Associated Company ID (Primary)"],
          parse: hubspotIdCell,
        },
        company_ids: {
          headers: ["Associated Company IDs", "Associated Company ID"],
          parse: hubspotIdListCell,
        },
      },
      signature: ["Ticket name", "Pipeline", "Ticket status", "Priority", "Ticket owner"],
    }),
    definePresetTable({
      preset: "hubspot_warehouse",
      reader: companyReader,
      fields: {
        company_id: { headers: ["id", "company_id"], required: true, parse: hubspotIdCell },
        name: { headers: ["property_name"], required: true, parse: textCell },
        domain: { headers: ["property_domain", "property_website"], parse: domainCell },
        owner_id: { headers: ["property_hubspot_owner_id"], parse: hubspotIdCell },
        plan: { headers: [`property_${property.plan}`], parse: textCell },
        contract_end_date: { headers: [`property_${property.contractEnd}`], parse: dateCell },
        account_start_date: { headers: [`property_${property.accountStart}`], parse: dateCell },
        stripe_customer_id: { headers: [`property_${property.stripeCustomer}`], parse: idCell },
        is_deleted: { headers: ["is_deleted", "_fivetran_deleted"], parse: booleanCell },
        modified_at: { headers: ["property_hs_lastmodifieddate"], parse: instantCell(utc) },
      },
      signature: ["_fivetran_synced", "property_createdate", "property_industry"],
      excludedBy: ["property_hs_pipeline", "property_hs_pipeline_stage", "property_subject"],
    }),
    definePresetTable({
      preset: "hubspot_warehouse",
      reader: ticketReader,
      fields: {
        ticket_id: { headers: ["id", "ticket_id"], required: true, parse: hubspotIdCell },
        created_date: {
          headers: ["property_createdate"],
          required: true,
          parse: instantDateCell(utc, team),
        },
        closed_date: {
          headers: ["property_closed_date", "property_closedate"],
          parse: instantDateCell(utc, team),
        },
        company_id: { headers: ["property_hs_primary_company_id"], parse: hubspotIdCell },
        is_deleted: { headers: ["is_deleted", "_fivetran_deleted"], parse: booleanCell },
      },
      signatureOneOf: [
        "property_subject",
        "property_content",
        "property_closed_date",
        "property_hs_ticket_category",
        "property_hs_ticket_priority",
      ],
      signature: ["_fivetran_synced", "property_hs_pipeline", "property_hs_pipeline_stage"],
      excludedBy: ["property_name", "property_domain"],
    }),
    definePresetTable({
      preset: "hubspot_warehouse",
      reader: ticketCompanyReader,
      fields: {
        ticket_id: { headers: ["ticket_id"], required: true, parse: hubspotIdCell },
        company_id: { headers: ["company_id"], required: true, parse: hubspotIdCell },
      },
      signature: ["_fivetran_synced", "category"],
      excludedBy: ["engagement_id"],
    }),
  ];
}
