import type { CalendarDate } from "../../domain/dates.js";
import type { KindReader } from "../preset-table.js";

export interface MatomoUserFields {
  user_id: string;
  last_login_date: CalendarDate | "never";
  logins_30d: number;
  features_used_30d: number;
}

/**
 * Per-user aggregates (the seed's weekly export), taken as they are, as of the day they were
 * exported: their 30 days end the day before it, so that day's start is the data's as-of time.
 */
export const matomoUserReader: KindReader<MatomoUserFields> = {
  kind: "matomo_users",
  label: "Matomo per-user aggregates",
  valueRequired: ["user_id"],
  start: ({ exportedOn, settings }) => {
    const day = exportedOn ?? "";

    return {
      build: ({ values }) => ({
        records: [
          {
            kind: "matomo_users",
            record: {
              userId: values.user_id ?? "",
              exportedOn: day,
              lastLoginDate: values.last_login_date,
              logins30d: values.logins_30d,
              featuresUsed30d: values.features_used_30d,
            },
          },
        ],
      }),
      finish: () => (day === "" ? {} : { dataAsOf: settings.team.startOf(day) }),
    };
  },
};
