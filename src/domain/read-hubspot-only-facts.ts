import type { CustomerFacts } from "./facts.js";
import type { CompanyRecord } from "./records.js";

/**
 * The facts of the seed's HubSpot-only flow, where HubSpot's Stripe integration and a weekly
 * Matomo import write everything onto the company as properties. They are taken as they are:
 * how old each property is, HubSpot cannot say.
 */
export function readHubspotOnlyFacts(
  company: CompanyRecord,
): Pick<
  CustomerFacts,
  "supportTickets" | "paymentFailed" | "lastLogin" | "logins30d" | "featuresUsed30d"
> {
  const lastLogin = company.lastLoginDate;

  return {
    supportTickets: company.ticketCount,
    paymentFailed: company.paymentFailed,
    lastLogin:
      lastLogin === undefined
        ? undefined
        : lastLogin === "never"
          ? { kind: "never" }
          : { kind: "date", date: lastLogin },
    logins30d: company.logins30d,
    featuresUsed30d: company.featuresUsed30d,
  };
}
