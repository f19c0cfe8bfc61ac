import type { CalendarDate } from "../../domain/dates.js";
import type { ExportRecord } from "../opened-export.js";
import type { KindReader } from "../preset-table.js";

export interface TicketFields {
  ticket_id: string;
  created_date: CalendarDate;
  closed_date: CalendarDate;
  /** The primary company, where the export names one. */
  company_id: string;
  /** Every associated company: each becomes a ticket-company row beside the ticket. */
  company_ids: string[];
  is_deleted: boolean;
}

export const ticketReader: KindReader<TicketFields> = {
  kind: "hubspot_tickets",
  label: "HubSpot tickets",
  valueRequired: ["ticket_id", "created_date"],
  start: () => ({
    build: ({ values }) => {
      const ticketId = values.ticket_id ?? "";
      const companyIds = [
        ...new Set([
          ...(values.company_id ? [values.company_id] : []),
          ...(values.company_ids ?? []),
        ]),
      ];
      const ticket: ExportRecord = {
        kind: "hubspot_tickets",
        record: {
          ticketId,
          companyId: companyIds[0],
          createdDate: values.created_date ?? "",
          closedDate: values.closed_date,
          isDeleted: values.is_deleted,
        },
      };
      const associations = companyIds.map((companyId): ExportRecord => ({
        kind: "hubspot_ticket_companies",
        record: { ticketId, companyId },
      }));

      return { records: [ticket, ...associations] };
    },
  }),
};
