import type { Config } from "../config/config-schema.js";
import { CsopsError } from "../errors.js";
import { createZoneClock, normalizeZone, type ZoneClock } from "./zone-clock.js";

/** What the readers take from the configuration, checked once per file. */
export interface ImportSettings {
  /** The team's zone: every calendar date csops keeps is a date here. */
  team: ZoneClock;
  /** The HubSpot portal's zone, in which UI exports write datetimes. */
  portal: ZoneClock;
  utc: ZoneClock;
  /** The Matomo site's zone, by which action timestamps are shifted. */
  site: ZoneClock;
  /** Key of the Stripe customer metadata that holds the HubSpot company id. */
  stripeMetadataKey: string;
  /** Internal names of the company properties csops reads. */
  hubspotProperties: {
    plan: string;
    contractEnd: string;
    accountStart: string;
    stripeCustomer: string;
  };
  /** `import.columns`: per kind, canonical field → header, on top of the presets. */
  columns: Record<string, Record<string, string>>;
  /** hubspot_only: the company export must carry every fact. */
  isHubspotOnly: boolean;
}

export function readImportSettingsOrFail(config: Config): ImportSettings {
  const hubspot = config.import.hubspot;

  return {
    team: clockOrFail(config.time_zone, "time_zone"),
    portal: clockOrFail(
      hubspot.portal_time_zone ?? config.time_zone,
      "import.hubspot.portal_time_zone",
    ),
    utc: createZoneClock("UTC"),
    site: clockOrFail(config.matomo.site_time_zone, "matomo.site_time_zone"),
    stripeMetadataKey: config.join.stripe_metadata_key,
    hubspotProperties: {
      plan: hubspot.plan_property,
      contractEnd: hubspot.contract_end_property,
      accountStart: hubspot.account_start_property,
      stripeCustomer: hubspot.stripe_customer_property,
    },
    columns: config.import.columns,
    isHubspotOnly: config.sources.preset === "hubspot_only",
  };
}

function clockOrFail(zone: string, setting: string): ZoneClock {
  const normalized = normalizeZone(zone);
  if (normalized === undefined) {
    throw new CsopsError(
      "config_invalid",
      `${setting}: "${zone}" is not a time zone; expected an IANA name such as Europe/London`,
    );
  }

  return createZoneClock(normalized);
}
