import type { CalendarDate } from "../src/domain/dates.js";
import type { Rules } from "../src/domain/rules.js";
import { compileUsageLevelSql } from "./compile-rules-to-sql.js";

/**
 * The facts of every customer as of `asOf`, in SQL over the tables `duckdbLoadSql` made, as
 * csops defines them: the same join keys (metadata id, then a stored Stripe id, then an e-mail
 * domain that one company owns and is not free mail), the same payment state, the same Matomo
 * coverage (a login found is exact; none found in the covered days is a lower bound). Windows and
 * usage levels come from the rules. Creates the table `facts` in the shape `compileRulesToSql`
 * reads. What it leaves out, because the demo exports never need it: stale sources, per-user
 * Matomo aggregates, deleted records and the rows csops refuses for other reasons.
 */
export function duckdbFactsSql(options: {
  asOf: CalendarDate;
  rules: Rules;
  freeMailDomains: readonly string[];
}): string[] {
  const { rules } = options;
  const asOf = `DATE '${options.asOf}'`;
  const freeMail = options.freeMailDomains.map((domain) => `('${domain}')`).join(", ");
  // A fact known exactly is a range of one value.
  const exactly = (fact: string, value: string) =>
    `${value} AS ${fact}_min, ${value} AS ${fact}_max`;
  const ifUsageKnown = (value: string) =>
    `CASE WHEN matomo_known AND window_covered THEN ${value} END`;

  return [
    `CREATE OR REPLACE MACRO normalize_domain(text) AS (
      WITH cut AS (SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        regexp_replace(lower(trim(text)), '^[a-z][a-z0-9+.-]*://', ''), '[/?#].*$', ''),
        ':[0-9]+$', ''), '\\.$', ''), '^www\\.', '') AS domain)
      SELECT CASE WHEN regexp_full_match(domain, '[^.\\s@]+(\\.[^.\\s@]+)+') THEN domain END
      FROM cut)`,
    `CREATE OR REPLACE MACRO email_domain(email) AS normalize_domain(
      regexp_extract(regexp_replace(trim(email), '^.*<([^>]*)>$', '\\1'), '^.+@([^@]*)$', 1))`,
    `CREATE TABLE companies AS SELECT company_id, name, nullif(trim(plan), '') AS plan,
      TRY_CAST(contract_end AS DATE) AS contract_end,
      TRY_CAST(customer_since AS DATE) AS customer_since,
      nullif(trim(stripe_customer_id), '') AS stripe_customer_id,
      CASE WHEN normalize_domain(domain) NOT IN (SELECT * FROM (VALUES ${freeMail}))
        THEN normalize_domain(domain) END AS domain
      FROM hubspot_companies
      WHERE regexp_full_match(company_id, '[0-9]+')
        AND (coalesce(contract_end, '') = '' OR TRY_CAST(contract_end AS DATE) IS NOT NULL)
        AND (coalesce(customer_since, '') = '' OR TRY_CAST(customer_since AS DATE) IS NOT NULL)`,
    `CREATE TABLE facts AS WITH
    domains AS (SELECT domain, count(*) AS companies, min(company_id) AS company_id
      FROM companies WHERE domain IS NOT NULL GROUP BY domain),
    stored AS (SELECT stripe_customer_id, count(*) AS companies, min(company_id) AS company_id
      FROM companies WHERE stripe_customer_id IS NOT NULL GROUP BY stripe_customer_id),
    stripe_links AS (SELECT s.customer_id, s.delinquent, CASE
        WHEN nullif(trim(s.hubspot_company_id), '') IS NOT NULL THEN m.company_id
        WHEN st.companies >= 1 THEN CASE WHEN st.companies = 1 THEN st.company_id END
        WHEN d.companies = 1 THEN d.company_id END AS company_id
      FROM stripe_customers s
      LEFT JOIN companies m ON m.company_id = trim(s.hubspot_company_id)
      LEFT JOIN stored st ON st.stripe_customer_id = s.customer_id
      LEFT JOIN domains d ON d.domain = email_domain(s.email)),
    subscriptions AS (SELECT customer_id,
        bool_or(status IN ('past_due', 'unpaid')) AS failed,
        bool_or(status IN ('active', 'trialing')) AS current,
        min(start_date) FILTER (WHERE status NOT IN ('incomplete', 'incomplete_expired'))
          AS first_start
      FROM stripe_subscriptions GROUP BY customer_id),
    late_invoices AS (SELECT DISTINCT customer_id FROM stripe_invoices
      WHERE status = 'open' AND amount_remaining > 0
        AND ((attempted AND attempt_count > 0) OR due_date < ${asOf})),
    payment AS (SELECT l.company_id,
        bool_or(coalesce(s.failed, false) OR i.customer_id IS NOT NULL OR l.delinquent) AS failed,
        bool_or(coalesce(s.current, false)) AS current, min(s.first_start) AS first_start
      FROM stripe_links l LEFT JOIN subscriptions s USING (customer_id)
      LEFT JOIN late_invoices i USING (customer_id)
      WHERE l.company_id IS NOT NULL GROUP BY l.company_id),
    tickets AS (SELECT company_id, count(DISTINCT ticket_id) AS tickets FROM (
        SELECT ticket_id, trim(unnest(string_split(replace(company_ids, ',', ';'), ';')))
          AS company_id
        FROM hubspot_tickets
        WHERE created_date >= ${asOf} - ${rules.windows.support_tickets_days}
          AND created_date < ${asOf})
      GROUP BY company_id),
    coverage AS (SELECT min(visit_date) AS first_day, max(visit_date) + 1 AS matomo_as_of,
        max(visit_date) + 1 - ${rules.windows.usage_days} AS usage_from
      FROM matomo_visits WHERE visit_date < ${asOf}),
    users AS (SELECT DISTINCT user_id FROM matomo_visits, coverage
      WHERE user_id IS NOT NULL AND visit_date < matomo_as_of),
    user_links AS (SELECT u.user_id, CASE WHEN c.company_id IS NOT NULL THEN c.company_id
        WHEN d.companies = 1 THEN d.company_id END AS company_id
      FROM users u LEFT JOIN companies c ON c.company_id = trim(u.user_id)
      LEFT JOIN domains d ON d.domain = email_domain(u.user_id)),
    activity AS (SELECT l.company_id, max(v.visit_date) AS last_login,
        count(*) FILTER (WHERE v.visit_date >= usage_from) AS logins
      FROM matomo_visits v JOIN user_links l USING (user_id), coverage
      WHERE l.company_id IS NOT NULL AND v.visit_date < matomo_as_of GROUP BY l.company_id),
    features AS (SELECT l.company_id, count(DISTINCT e.action) AS features
      FROM matomo_events e JOIN matomo_visits v USING (visit_id)
      JOIN user_links l USING (user_id), coverage
      WHERE e.category = 'Feature' AND l.company_id IS NOT NULL
        AND v.visit_date >= usage_from AND v.visit_date < matomo_as_of
      GROUP BY l.company_id),
    joined AS (SELECT c.*, p.failed, p.current, p.first_start, t.tickets, a.last_login,
        a.logins, f.features, cov.first_day, cov.matomo_as_of, cov.usage_from,
        (a.company_id IS NOT NULL OR d.companies = 1) AS matomo_known,
        cov.first_day <= cov.usage_from AS window_covered
      FROM companies c LEFT JOIN payment p USING (company_id)
      LEFT JOIN tickets t USING (company_id) LEFT JOIN activity a USING (company_id)
      LEFT JOIN features f USING (company_id) LEFT JOIN domains d ON d.domain = c.domain,
      coverage cov)
    SELECT company_id AS customer_id, plan,
      ${exactly("days_to_renewal", `date_diff('day', ${asOf}, contract_end)::DOUBLE`)},
      ${exactly(
        "account_age_days",
        `date_diff('day', coalesce(customer_since, first_start), ${asOf})::DOUBLE`,
      )},
      ${exactly("support_tickets", "coalesce(tickets, 0)::DOUBLE")},
      CASE WHEN failed THEN TRUE WHEN current THEN FALSE END AS payment_failed,
      CASE WHEN NOT matomo_known THEN NULL
        WHEN last_login IS NOT NULL
          AND (last_login + 1 >= matomo_as_of OR first_day <= last_login + 1)
          THEN date_diff('day', last_login, ${asOf})::DOUBLE
        WHEN first_day IS NOT NULL THEN date_diff('day', first_day, ${asOf})::DOUBLE + 1
      END AS days_since_last_login_min,
      CASE WHEN NOT matomo_known THEN NULL
        WHEN last_login IS NOT NULL
          AND (last_login + 1 >= matomo_as_of OR first_day <= last_login + 1)
          THEN date_diff('day', last_login, ${asOf})::DOUBLE
        WHEN first_day IS NOT NULL THEN 'inf'::DOUBLE
      END AS days_since_last_login_max,
      ${exactly("logins_30d", ifUsageKnown("coalesce(logins, 0)::DOUBLE"))},
      ${exactly("features_used_30d", ifUsageKnown("coalesce(features, 0)::DOUBLE"))},
      ${compileUsageLevelSql(rules, ifUsageKnown("coalesce(logins, 0)"))} AS usage_level
    FROM joined`,
  ];
}
