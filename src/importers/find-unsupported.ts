import { CsopsError } from "../errors.js";
import { normalizeHeader } from "./match-table.js";

/** A format csops recognises and does not read: what it is, and what to export instead. */
export interface Unsupported {
  what: string;
  instead: string;
}

export const VISITS_LOG_INSTEAD =
  "export Matomo's visits log instead: Live.getLastVisitsDetails with format=CSV, TSV or JSON " +
  "(for example module=API&method=Live.getLastVisitsDetails&period=week&date=…&format=CSV" +
  "&filter_limit=-1)";

const HUBSPOT_INSTEAD = "export HubSpot companies and tickets instead";

/** Matomo's metric ids, and their English and German labels, as report exports head them. */
const MATOMO_METRICS = new Set(
  [
    "nb_visits",
    "nb_uniq_visitors",
    "nb_actions",
    "nb_users",
    "nb_events",
    "nb_visits_converted",
    "bounce_rate",
    "bounce_count",
    "sum_visit_length",
    "max_actions",
    "avg_time_on_site",
    "Unique visitors",
    "Visits",
    "Bounce Rate",
    "Eindeutige Besucher",
    "Besuche",
    "Absprungsrate",
    "Bezeichnung",
  ].map(normalizeHeader),
);

/**
 * Recognises, from its first two rows, a delimited file that csops deliberately does not read:
 * Matomo reports other than the visits log, Matomo's scheduled e-mail reports, and the HubSpot
 * tables of a warehouse sync that hold no customer records.
 */
export function findUnsupportedColumns(
  header: readonly string[],
  second: readonly string[] | undefined,
): Unsupported | undefined {
  const names = header.map(normalizeHeader);
  const has = (name: string): boolean => names.includes(normalizeHeader(name));
  const metrics = (cells: readonly string[]): number =>
    cells.filter((cell) => MATOMO_METRICS.has(normalizeHeader(cell))).length;

  if (header.length === 1 && second && metrics(second) > 0) {
    return {
      what: "a Matomo scheduled e-mail report (several report sections, each under a title line)",
      instead: VISITS_LOG_INSTEAD,
    };
  }
  if (names[0] === "date" && metrics(header) > 0) {
    return {
      what: "a Matomo report over several periods (one row per period)",
      instead: VISITS_LOG_INSTEAD,
    };
  }
  const isMetadata = names.some((name) => /^(metadaten|metadata):/.test(name));
  if (metrics(header) >= 2 || isMetadata) {
    return {
      what: "a Matomo report of aggregated metrics (VisitsSummary, Events, UserId.getUsers…), not the visits log",
      instead: VISITS_LOG_INSTEAD,
    };
  }
  if (has("engagement_id")) {
    return { what: "HubSpot engagements (tasks, calls, notes)", instead: HUBSPOT_INSTEAD };
  }
  if (has("hubspot_object") && has("field_type")) {
    return { what: "HubSpot property definitions, not records", instead: HUBSPOT_INSTEAD };
  }

  return undefined;
}

export function unsupportedError(file: string, found: Unsupported): CsopsError {
  return new CsopsError(
    "import_unsupported",
    `${file}: this is ${found.what}, which csops does not read; ${found.instead}`,
    [{ file, message: `unsupported: ${found.what}` }],
  );
}
