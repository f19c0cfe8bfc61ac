import type { SourceKind } from "../src/domain/records.js";

/**
 * What a data engineer would write to load one of the demo's export files into DuckDB: the
 * columns the segmentation needs, read as text and cast where SQL needs a type. Each statement
 * creates one table named after the kind. `actionSlots` is how many `actionDetails_N_*` column
 * groups the Matomo visits log has; dates are calendar days in `timeZone`, the team's.
 */
export function duckdbLoadSql(options: {
  kind: SourceKind;
  path: string;
  timeZone: string;
  actionSlots?: number | undefined;
}): string[] {
  const { kind, path, timeZone } = options;
  const file = `read_csv('${path.replaceAll("'", "''")}', header = true, all_varchar = true${
    kind === "matomo_visits" ? ", encoding = 'utf-16'" : ""
  })`;

  switch (kind) {
    case "hubspot_companies":
      return [
        `CREATE TABLE hubspot_companies AS SELECT "Record ID" AS company_id,
          "Company name" AS name, "Company Domain Name" AS domain, "Plan" AS plan,
          "Contract end date" AS contract_end, "Customer since" AS customer_since,
          "Stripe customer ID" AS stripe_customer_id FROM ${file}`,
      ];
    case "hubspot_tickets":
      return [
        `CREATE TABLE hubspot_tickets AS SELECT "Ticket ID" AS ticket_id,
          CAST(left("Create date", 10) AS DATE) AS created_date,
          "Associated Company IDs" AS company_ids FROM ${file}`,
      ];
    case "stripe_customers":
      return [
        `CREATE TABLE stripe_customers AS SELECT id AS customer_id, "Email" AS email,
          "hubspot_company_id (metadata)" AS hubspot_company_id,
          "Delinquent" = 'true' AS delinquent FROM ${file}`,
      ];
    case "stripe_subscriptions":
      return [
        `CREATE TABLE stripe_subscriptions AS SELECT id AS subscription_id,
          "Customer ID" AS customer_id, "Status" AS status,
          ${utcToTeamDate('"Start Date (UTC)"', timeZone)} AS start_date FROM ${file}`,
      ];
    case "stripe_invoices":
      return [
        `CREATE TABLE stripe_invoices AS SELECT id AS invoice_id, "Customer" AS customer_id,
          "Status" AS status, TRY_CAST("Amount Remaining" AS DECIMAL(18, 2)) AS amount_remaining,
          TRY_CAST("Attempt Count" AS INTEGER) AS attempt_count, "Attempted" = 'true' AS attempted,
          ${utcToTeamDate('"Due Date (UTC)"', timeZone)} AS due_date FROM ${file}`,
      ];
    case "matomo_visits":
      return loadVisitsSql(file, options.actionSlots ?? 0, timeZone);
    default:
      throw new Error(`The DuckDB peer does not read ${kind} exports`);
  }
}

/**
 * Visits, with their day in the team's zone from the first true Unix timestamp there is, and
 * their events unpivoted from the numbered action columns.
 */
function loadVisitsSql(file: string, actionSlots: number, timeZone: string): string[] {
  const slots = Array.from({ length: actionSlots }, (_, slot) => slot);
  const timestamp = ["firstActionTimestamp", "serverTimestamp", "lastActionTimestamp"]
    .map((column) => `TRY_CAST(${column} AS BIGINT)`)
    .join(", ");
  const events = slots.map(
    (slot) =>
      `[actionDetails_${slot}_type, actionDetails_${slot}_eventCategory, ` +
      `actionDetails_${slot}_eventAction]`,
  );

  return [
    `CREATE TABLE raw_visits AS SELECT idSite || ':' || idVisit AS visit_id,
      nullif(trim(userId), '') AS user_id,
      timezone('${timeZone}', to_timestamp(coalesce(${timestamp})))::DATE AS visit_date,
      ${slots.length === 0 ? "[]" : `[${events.join(", ")}]`} AS actions
      FROM ${file}`,
    `CREATE TABLE matomo_visits AS SELECT visit_id, user_id, visit_date FROM raw_visits
      WHERE visit_date IS NOT NULL`,
    `CREATE TABLE matomo_events AS SELECT visit_id, action[2] AS category, action[3] AS action
      FROM (SELECT visit_id, unnest(actions) AS action FROM raw_visits
        WHERE visit_date IS NOT NULL)
      WHERE lower(action[1]) = 'event' AND action[2] <> '' AND action[3] <> ''`,
    "DROP TABLE raw_visits",
  ];
}

function utcToTeamDate(column: string, timeZone: string): string {
  return `timezone('${timeZone}', timezone('UTC', TRY_CAST(${column} AS TIMESTAMP)))::DATE`;
}
