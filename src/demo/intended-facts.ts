import type { CustomerFacts } from "../domain/facts.js";
import { dateOfDayNumber } from "./day-numbers.js";
import type { CustomerPlan } from "./plan-customer.js";

/**
 * The facts importing the demo's files should give a customer, as of the run's evaluation
 * date: what the plan meant, for checking the generator and, end to end, the importers and
 * the facts builder. Stripe says nothing about a company it cannot match or whose only
 * subscription was canceled; Matomo's covered window gives a company it never saw a known zero,
 * and no login since the first of the `visitDays` days the visits log covers.
 */
export function intendedFactsOf(
  plan: CustomerPlan,
  asOfDay: number,
  visitDays: number,
): CustomerFacts {
  const { activity, billing } = plan;
  const hasStripe =
    billing.link !== "none" && billing.link !== "gmail_unmatched" && billing.status !== "canceled";

  return {
    customerId: plan.companyId,
    name: plan.name,
    plan: plan.plan,
    contractEndDate: dateOfDayNumber(plan.contractEndDay),
    accountStartDate: dateOfDayNumber(plan.customerSinceDay),
    supportTickets: plan.recentTickets,
    paymentFailed: hasStripe ? billing.problem !== "none" : undefined,
    lastLogin:
      activity.logins === 0
        ? { kind: "none_since", date: dateOfDayNumber(asOfDay - visitDays) }
        : { kind: "date", date: dateOfDayNumber(asOfDay - activity.lastLoginDaysAgo) },
    logins30d: activity.logins,
    featuresUsed30d: activity.features,
  };
}
