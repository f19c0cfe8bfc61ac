import type { KindReader } from "../preset-table.js";

export interface StripeCustomerFields {
  customer_id: string;
  email: string;
  name: string;
  /** From the metadata key that holds the HubSpot company id. */
  hubspot_company_id: string | undefined;
  created_at: number;
  delinquent: boolean;
  is_deleted: boolean;
}

export const stripeCustomerReader: KindReader<StripeCustomerFields> = {
  kind: "stripe_customers",
  label: "Stripe customers",
  valueRequired: ["customer_id"],
  start: () => ({
    build: ({ values }) => ({
      records: [
        {
          kind: "stripe_customers",
          record: {
            customerId: values.customer_id ?? "",
            email: values.email,
            name: values.name,
            hubspotCompanyId: values.hubspot_company_id,
            createdAt: values.created_at,
            delinquent: values.delinquent,
            isDeleted: values.is_deleted,
          },
        },
      ],
    }),
  }),
};
