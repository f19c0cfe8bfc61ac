import type { Config } from "../config/config-schema.js";
import type { CsPerson, TaskSettings } from "../domain/tasks/index.js";

/** The task rules' settings, from the deployment configuration. */
export function taskSettingsOf(config: Config): TaskSettings {
  return {
    timeZone: config.time_zone,
    resolvedCooldownDays: config.tasks.resolved_cooldown_days,
  };
}

/** The configured CS people, as the owner assignment reads them. */
export function csPeopleOf(config: Config): CsPerson[] {
  return config.team.cs_people.map((person) => ({
    name: person.name,
    email: person.email,
    hubspotOwnerId: person.hubspot_owner_id,
  }));
}
