import { describe, expect, it } from "vitest";

import { configSchema } from "../../config/config-schema.js";
import { readImportSettingsOrFail } from "../../importers/import-settings.js";
import { readHubspotCompany, readHubspotOwner, readHubspotTicket } from "./read-hubspot-object.js";

const settings = readImportSettingsOrFail(
  configSchema.parse({
    time_zone: "America/Los_Angeles",
    import: { hubspot: { plan_property: "plan_tier" } },
  }),
);

describe("reading HubSpot objects", () => {
  it("reads a company's configured properties; date properties stay the calendar date", () => {
    const read = readHubspotCompany(
      {
        id: "18734299351",
        archived: false,
        properties: {
          name: "Derras Real Estate",
          domain: "WWW.Derras-RealEstate.co.uk",
          hubspot_owner_id: "750122779",
          plan_tier: "Standard",
          contract_end_date: "2027-03-15",
          // Older portals write a date property as epoch ms of midnight UTC.
          customer_since: "1719705600000",
          stripe_customer_id: "cus_N8ThXubggkJuwv",
          hs_lastmodifieddate: "2026-11-30T23:30:00.000Z",
        },
      },
      settings,
    );

    expect(read).toEqual({
      records: [
        {
          kind: "hubspot_companies",
          record: {
            companyId: "18734299351",
            name: "Derras Real Estate",
            domain: "derras-realestate.co.uk",
            ownerId: "750122779",
            plan: "Standard",
            contractEndDate: "2027-03-15",
            accountStartDate: "2024-06-30",
            stripeCustomerId: "cus_N8ThXubggkJuwv",
            isDeleted: false,
            modifiedAt: Date.UTC(2026, 10, 30, 23, 30) / 1000,
          },
        },
      ],
    });
  });

  it("names a company without a name by its domain, keeps an archived one as deleted", () => {
    const read = readHubspotCompany(
      { id: "42", archived: true, properties: { name: null, domain: "harbour-view.example" } },
      settings,
    );

    expect(read).toMatchObject({
      records: [{ record: { name: "harbour-view.example", isDeleted: true } }],
    });
  });

  it("lists every property it cannot read", () => {
    const read = readHubspotCompany(
      { id: "1.23457E+11", archived: false, properties: { contract_end_date: "15/03/2027" } },
      settings,
    );

    expect(read).toEqual({
      problems: [
        expect.objectContaining({ column: "id", value: "1.23457E+11" }),
        { column: "name", value: "", message: "expected a value" },
        expect.objectContaining({
          column: "contract_end_date",
          value: "15/03/2027",
          message: "expected a date YYYY-MM-DD",
        }),
      ],
    });
  });

  it("dates a ticket in the team's zone and lists its companies, the first as its own", () => {
    const read = readHubspotTicket(
      {
        id: "2850000001",
        archived: false,
        // 05:30 UTC on 1 December is still 30 November in Los Angeles.
        properties: { createdate: "2026-12-01T05:30:00Z", closed_date: null },
      },
      ["9594265264", "9594265265"],
      settings,
    );

    expect(read).toEqual({
      records: [
        {
          kind: "hubspot_tickets",
          record: {
            ticketId: "2850000001",
            companyId: "9594265264",
            createdDate: "2026-11-30",
            closedDate: undefined,
            isDeleted: false,
          },
        },
        {
          kind: "hubspot_ticket_companies",
          record: { ticketId: "2850000001", companyId: "9594265264" },
        },
        {
          kind: "hubspot_ticket_companies",
          record: { ticketId: "2850000001", companyId: "9594265265" },
        },
      ],
    });
  });

  it("names an owner as people see them", () => {
    expect(
      readHubspotOwner({ id: "7", firstName: "Sam", lastName: "Patel", email: "sam@x.example" }),
    ).toEqual({
      records: [
        {
          kind: "hubspot_owners",
          record: { ownerId: "7", name: "Sam Patel", email: "sam@x.example" },
        },
      ],
    });
    expect(readHubspotOwner({ id: "8", email: "ops@x.example" })).toMatchObject({
      records: [{ record: { name: "ops@x.example" } }],
    });
  });
});
