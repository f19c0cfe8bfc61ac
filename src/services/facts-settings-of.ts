import type { Config } from "../config/config-schema.js";
import type { FactsSettings } from "../domain/facts-settings.js";
import type { Rules } from "../domain/rules.js";

/** The facts builder's settings, from the deployment configuration and the rules' windows. */
export function factsSettingsOf(config: Config, rules: Rules): FactsSettings {
  return {
    timeZone: config.time_zone,
    preset: config.sources.preset,
    windows: rules.windows,
    maxAgeDays: config.sources.max_age_days,
    join: {
      stripeByEmailDomain: config.join.stripe_by_email_domain,
      matomoUserId: config.join.matomo_user_id,
      freeMailDomains: config.join.free_mail_domains,
    },
  };
}
