import type { Config } from "../config/config-schema.js";
import { buildFacts, type FactsBuild } from "../domain/build-facts.js";
import type { CalendarDate } from "../domain/dates.js";
import type { FactsInput } from "../domain/facts-input.js";
import { joinSources, type Join } from "../domain/join-sources.js";
import type { Rules } from "../domain/rules.js";
import type { StoreQueries } from "../storage/store.js";
import { factsSettingsOf } from "./facts-settings-of.js";

/** Every customer's facts as of a date, with the join they came from and its input. */
export interface CustomerFactsResult {
  input: FactsInput;
  join: Join;
  build: FactsBuild;
}

/** Loads what the store holds for `asOf`, joins the three sources and builds the facts. */
export async function buildCustomerFacts(
  store: Pick<StoreQueries, "loadFactsInput">,
  config: Config,
  rules: Rules,
  asOf: CalendarDate,
): Promise<CustomerFactsResult> {
  const settings = factsSettingsOf(config, rules);
  const input = await store.loadFactsInput(asOf, {
    ticketWindowDays: rules.windows.support_tickets_days,
    usageWindowDays: rules.windows.usage_days,
    featureCategory: config.matomo.feature_category,
    loginEvent: config.matomo.login_event,
  });
  const join = joinSources(input, settings);

  return { input, join, build: buildFacts(input, join, settings) };
}
