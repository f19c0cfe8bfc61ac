import { Cron } from "croner";
import { Temporal } from "temporal-polyfill";
import { z } from "zod";

/**
 * `csops.config.yaml`: everything about a deployment that is not a rule. Every setting has a
 * default, so an empty file (or none) is a working demo configuration. Secrets (API tokens,
 * passwords, the database password) never live here: they come from the environment.
 */

const days = z.number().int().positive();

/** An IANA time zone name that this Node.js knows, such as `Europe/London`. */
const timeZone = z.string().check((ctx) => {
  try {
    Temporal.Now.zonedDateTimeISO(ctx.value);
  } catch {
    ctx.issues.push({
      code: "custom",
      input: ctx.value,
      message: `"${ctx.value}" is not a time zone; expected an IANA name such as Europe/London`,
    });
  }
});

/** A five-field cron expression, as croner reads it. */
const cronExpression = z.string().check((ctx) => {
  try {
    new Cron(ctx.value, { paused: true });
  } catch (error) {
    ctx.issues.push({
      code: "custom",
      input: ctx.value,
      message: `"${ctx.value}" is not a cron expression (${(error as Error).message}); expected e.g. "0 9 * * *"`,
    });
  }
});

const person = z.strictObject({
  name: z.string().min(1).describe("how the person appears in the queue and on outcomes"),
  email: z.string().email().optional(),
  /** The HubSpot owner id of this person, when companies name owners by id. */
  hubspot_owner_id: z.string().optional(),
});

export const configSchema = z.strictObject({
  time_zone: timeZone
    .default("Europe/London")
    .describe("IANA zone of the team: evaluation dates, the 09:00 run and visit dates use it"),
  rules: z
    .string()
    .optional()
    .describe("rules file; default: the shipped config/rules.default.yaml"),

  sources: z
    .strictObject({
      preset: z
        .enum(["three_sources", "hubspot_only"])
        .default("three_sources")
        .describe(
          "three_sources: HubSpot, Stripe and Matomo exports; hubspot_only: the seed's flow, " +
            "one company export that carries every fact as a property",
        ),
      max_age_days: z
        .strictObject({
          hubspot: days.default(2),
          stripe: days.default(2),
          matomo: days.default(8).describe("Matomo usually arrives as a weekly export"),
        })
        .prefault({}),
      import_folder: z
        .string()
        .default("./data/inbox")
        .describe("folder the daily run imports new export files from"),
    })
    .prefault({}),

  import: z
    .strictObject({
      /** Per kind, canonical field → the header that holds it, on top of the presets. */
      columns: z.record(z.string(), z.record(z.string(), z.string())).default({}),
      hubspot: z
        .strictObject({
          account_start_property: z
            .string()
            .default("customer_since")
            .describe("company property with the date the company became a customer"),
          plan_property: z.string().default("plan"),
          contract_end_property: z.string().default("contract_end_date"),
          stripe_customer_property: z.string().default("stripe_customer_id"),
          portal_time_zone: timeZone
            .optional()
            .describe("IANA zone of datetimes in HubSpot UI exports; default: time_zone"),
        })
        .prefault({}),
    })
    .prefault({}),

  join: z
    .strictObject({
      stripe_metadata_key: z.string().default("hubspot_company_id"),
      stripe_by_email_domain: z.boolean().default(true),
      matomo_user_id: z
        .enum(["company_id", "email_domain", "company_id_or_email_domain"])
        .default("company_id_or_email_domain")
        .describe("how a Matomo user id names its company"),
      free_mail_domains: z
        .array(z.string())
        .default([
          "gmail.com",
          "googlemail.com",
          "yahoo.com",
          "hotmail.com",
          "outlook.com",
          "live.com",
          "icloud.com",
          "me.com",
          "aol.com",
          "gmx.com",
          "gmx.de",
          "web.de",
          "proton.me",
          "protonmail.com",
        ]),
    })
    .prefault({}),

  matomo: z
    .strictObject({
      site_time_zone: z
        .string()
        .default("UTC")
        .describe("the site's zone; Matomo shifts action timestamps by its offset"),
      feature_category: z.string().default("Feature"),
      login_event: z
        .strictObject({ category: z.string(), action: z.string() })
        .optional()
        .describe("count this event as a login instead of every identified visit"),
    })
    .prefault({}),

  team: z
    .strictObject({
      cs_people: z.array(person).default([{ name: "Alex Morgan" }, { name: "Sam Patel" }]),
      capacity_per_week: z.number().int().positive().default(250),
    })
    .prefault({}),

  schedule: z
    .strictObject({
      cron: cronExpression.default("0 9 * * *").describe("when the daily run starts, in time_zone"),
    })
    .prefault({}),

  tasks: z
    .strictObject({
      resolved_cooldown_days: days.default(30),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
