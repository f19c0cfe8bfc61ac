import type { Config } from "../config/config-schema.js";
import type { HubspotProperty } from "../connectors/hubspot/hubspot-api.js";
import type { CalendarDate } from "../domain/dates.js";
import { BUCKET_LABELS } from "../domain/decide-segment.js";
import type { Bucket, Rules } from "../domain/rules.js";
import { CsopsError } from "../errors.js";
import type { WriteBackContext } from "./write-back-context.js";

/** HubSpot's batch update takes at most 100 companies a call. */
const BATCH_SIZE = 100;

/**
 * Writes each company's segment (or bucket: data gap, none) on `date` to the segment property,
 * in batches of 100, for the companies whose segment changed since the last write (the
 * ledger). The property is created first if the portal has none of that name: an enumeration
 * with the five segments, data gap and none.
 */
export async function writeSegmentsToHubspot(
  context: WriteBackContext,
  settings: { config: Config; rules: Rules; date: CalendarDate },
): Promise<void> {
  const name = settings.config.hubspot_write_back.segment_property;
  try {
    await ensureSegmentProperty(context, defineSegmentProperty(settings.config, settings.rules));
  } catch (error) {
    context.fail(`segment property ${name}`, error);
    return;
  }

  const changes = await context.store.listSegmentChanges(settings.date);
  for (let start = 0; start < changes.length; start += BATCH_SIZE) {
    const batch = changes.slice(start, start + BATCH_SIZE);
    try {
      const result = await context.api.updateCompanies(
        batch.map((change) => ({
          companyId: change.companyId,
          properties: { [name]: change.segment },
        })),
      );
      const written = new Set(result.updated);
      const writes = batch.filter((change) => written.has(change.companyId));
      await context.store.recordSegmentWrites(writes, settings.date, context.now());
      context.report.segments += writes.length;
      for (const failure of result.failed) {
        context.fail(`segment of company ${failure.companyId}`, failure.reason, { alone: true });
      }
    } catch (error) {
      const last = batch.at(-1)?.companyId;
      context.fail(
        `segments of ${batch.length} companies (${batch[0]?.companyId} to ${last})`,
        error,
      );
    }
    await context.progress();
  }
}

/** The property csops writes: every bucket a customer can be in, labelled as csops shows it. */
export function defineSegmentProperty(config: Config, rules: Rules): HubspotProperty {
  const buckets: Bucket[] = [...rules.precedence, "data_gap", "none"];
  const labelOf = (bucket: Bucket) =>
    bucket === "data_gap" || bucket === "none"
      ? BUCKET_LABELS[bucket]
      : rules.segments[bucket].label;
  const settings = config.hubspot_write_back;

  return {
    name: settings.segment_property,
    label: settings.segment_property_label,
    groupName: settings.property_group,
    type: "enumeration",
    options: buckets.map((bucket) => ({ value: bucket, label: labelOf(bucket) })),
  };
}

/**
 * Creates the property when missing (a 409 means another write-back just did). One that exists
 * must be an enumeration offering every bucket, or HubSpot would refuse the values: csops does
 * not change a property a person may have made, it says what is wrong with it.
 */
async function ensureSegmentProperty(context: WriteBackContext, wanted: HubspotProperty) {
  const existing = await context.api.readCompanyProperty(wanted.name);
  if (existing === undefined) {
    await context.api.createCompanyProperty(wanted);
    context.logger.info({ property: wanted.name }, "created the segment property in HubSpot");
    return;
  }

  const offered = new Set(existing.options.map((option) => option.value));
  const missing = wanted.options.filter((option) => !offered.has(option.value));
  if (existing.type !== "enumeration" || missing.length > 0) {
    throw new CsopsError(
      "source_unavailable",
      `the HubSpot company property ${wanted.name} exists but ` +
        (existing.type !== "enumeration"
          ? `is of type ${existing.type}, not an enumeration`
          : `lacks the options ${missing.map((option) => option.value).join(", ")}`) +
        "; add them in HubSpot, or name another property in hubspot_write_back.segment_property",
    );
  }
}
