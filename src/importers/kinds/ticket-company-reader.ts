import type { KindReader } from "../preset-table.js";

export interface TicketCompanyFields {
  ticket_id: string;
  company_id: string;
}

/** Ticket-to-company associations, as warehouse syncs land them in a table of their own. */
export const ticketCompanyReader: KindReader<TicketCompanyFields> = {
  kind: "hubspot_ticket_companies",
  label: "HubSpot ticket-company associations",
  valueRequired: ["ticket_id", "company_id"],
  start: () => ({
    build: ({ values }) => ({
      records: [
        {
          kind: "hubspot_ticket_companies",
          record: { ticketId: values.ticket_id ?? "", companyId: values.company_id ?? "" },
        },
      ],
    }),
  }),
};
