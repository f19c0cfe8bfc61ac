import type { CalendarDate } from "../../domain/dates.js";
import type { KindReader } from "../preset-table.js";

/** The fields of a HubSpot company, as every preset names them. */
export interface CompanyFields {
  company_id: string;
  name: string;
  domain: string | undefined;
  owner_id: string;
  owner_name: string;
  plan: string;
  contract_end_date: CalendarDate;
  account_start_date: CalendarDate;
  stripe_customer_id: string;
  is_deleted: boolean;
  modified_at: number;
  /** The seed's HubSpot-only flow carries every fact as a company property. */
  ticket_count: number;
  payment_failed: boolean;
  last_login_date: CalendarDate | "never";
  logins_30d: number;
  features_used_30d: number;
}

export const companyReader: KindReader<CompanyFields> = {
  kind: "hubspot_companies",
  label: "HubSpot companies",
  valueRequired: ["company_id", "name"],
  start: () => ({
    build: ({ values }) => ({
      records: [
        {
          kind: "hubspot_companies",
          record: {
            companyId: values.company_id ?? "",
            name: values.name ?? "",
            domain: values.domain,
            ownerId: values.owner_id,
            ownerName: values.owner_name,
            plan: values.plan,
            contractEndDate: values.contract_end_date,
            accountStartDate: values.account_start_date,
            stripeCustomerId: values.stripe_customer_id,
            isDeleted: values.is_deleted,
            modifiedAt: values.modified_at,
            ticketCount: values.ticket_count,
            paymentFailed: values.payment_failed,
            lastLoginDate: values.last_login_date,
            logins30d: values.logins_30d,
            featuresUsed30d: values.features_used_30d,
          },
        },
      ],
    }),
  }),
};
