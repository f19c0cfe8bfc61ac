import { countCell, idCell } from "../cell-value.js";
import type { ImportSettings } from "../import-settings.js";
import { matomoUserReader } from "../kinds/matomo-user-reader.js";
import { matomoVisitReader, type MatomoVisitFields } from "../kinds/matomo-visit-reader.js";
import { definePresetTable, type AnyPresetTable, type FieldSpecs } from "../preset-table.js";
import { dateOrNeverCell, instantCell, unixSecondsCell } from "../time-cell.js";

const VISIT_TIMES = [
  "first_action_timestamp",
  "server_timestamp",
  "last_action_timestamp",
  "last_action_date_time",
] as const;

/**
 * Matomo's visits log (`Live.getLastVisitsDetails`) as the API writes it (raw field names,
 * nested actions flattened to `actionDetails_<i>_<field>`), as the UI labels it (English labels,
 * to verify against a real export), and the seed's per-user weekly aggregates.
 */
export function matomoPresetTables(settings: ImportSettings): AnyPresetTable[] {
  const lastActionDateTime = instantCell(settings.utc);
  const visitFields = (labels: Record<keyof MatomoVisitFields, string[]>) => {
    const fields: FieldSpecs<MatomoVisitFields> = {
      id_site: { headers: labels.id_site, parse: idCell },
      id_visit: { headers: labels.id_visit, required: true, parse: idCell },
      user_id: { headers: labels.user_id, parse: idCell },
      first_action_timestamp: { headers: labels.first_action_timestamp, parse: unixSecondsCell },
      server_timestamp: { headers: labels.server_timestamp, parse: unixSecondsCell },
      last_action_timestamp: { headers: labels.last_action_timestamp, parse: unixSecondsCell },
      last_action_date_time: { headers: labels.last_action_date_time, parse: lastActionDateTime },
    };
    return fields;
  };

  return [
    definePresetTable({
      preset: "matomo_api",
      reader: matomoVisitReader,
      fields: visitFields({
        id_site: ["idSite"],
        id_visit: ["idVisit"],
        user_id: ["userId"],
        first_action_timestamp: ["firstActionTimestamp"],
        server_timestamp: ["serverTimestamp"],
        last_action_timestamp: ["lastActionTimestamp"],
        last_action_date_time: ["lastActionDateTime"],
      }),
      oneOf: [VISIT_TIMES],
      signature: ["visitorId", "visitIp", "visitCount", "serverDate", "actions", "events"],
      stripsFormulaGuard: true,
    }),
    definePresetTable({
      preset: "matomo_ui",
      reader: matomoVisitReader,
      fields: visitFields({
        id_site: ["Site ID", "Website ID"],
        id_visit: ["Visit ID"],
        user_id: ["User ID"],
        first_action_timestamp: ["First action timestamp", "First Action Time (timestamp)"],
        server_timestamp: ["Server timestamp", "Server Time (timestamp)"],
        last_action_timestamp: ["Last action timestamp", "Last Action Time (timestamp)"],
        last_action_date_time: ["Last action date and time (UTC)", "Last action time (UTC)"],
      }),
      oneOf: [VISIT_TIMES],
      signature: ["Visitor ID", "Visit count", "Server date", "Actions", "Events", "Visitor type"],
      stripsFormulaGuard: true,
    }),
    definePresetTable({
      preset: "matomo_users",
      reader: matomoUserReader,
      fields: {
        user_id: { headers: ["User ID", "userId"], required: true, parse: idCell },
        last_login_date: { headers: ["Last login", "Last login date"], parse: dateOrNeverCell },
        logins_30d: { headers: ["Logins (30 days)", "Logins"], parse: countCell },
        features_used_30d: {
          headers: ["Features used (30 days)", "Features used"],
          parse: countCell,
        },
      },
      oneOf: [["last_login_date", "logins_30d", "features_used_30d"]],
      excludedBy: ["Record ID", "Company name", "Visit ID", "idVisit"],
      stripsFormulaGuard: true,
    }),
  ];
}
