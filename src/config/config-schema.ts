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

  sync: syncSchema().prefault({}),

  hubspot_write_back: hubspotWriteBackSchema().prefault({}),
});

/**
 * Mirroring csops into HubSpot, for a team that works there: each company's segment in a
 * property, alert and follow-up tasks as HubSpot tasks, outcomes as notes. Off by default; it
 * needs HUBSPOT_ACCESS_TOKEN with write scopes (see the README).
 */
function hubspotWriteBackSchema() {
  return z.strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe("write back after each daily run (and on `csops writeback`)"),
    segment_property: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, "a HubSpot property name: lower case, digits and _")
      .default("cs_segment")
      .describe("company property that holds the segment; created once if missing"),
    segment_property_label: z.string().min(1).default("CS segment"),
    property_group: z
      .string()
      .default("companyinformation")
      .describe("the property group the segment property is created in"),
  });
}

/**
 * `csops sync` and the daily run's sync. A source syncs when it is listed here and its token is
 * set in the environment (HUBSPOT_ACCESS_TOKEN, STRIPE_API_KEY, MATOMO_TOKEN_AUTH); tokens and
 * base URLs never live in this file. HubSpot's property names are `import.hubspot.*`.
 */
function syncSchema() {
  const seconds = z.number().positive();

  return z.strictObject({
    sources: z
      .array(z.enum(["hubspot", "stripe", "matomo"]))
      .default(["hubspot", "stripe", "matomo"])
      .describe("sources to sync, each only when its token is set in the environment"),
    timeout_seconds: seconds
      .default(30)
      .describe("a request that gets no answer for this long is abandoned and retried"),
    max_attempts: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(5)
      .describe(
        "tries per request, the first included, on HTTP 429, 5xx, timeouts and lost connections",
      ),
    backoff_seconds: seconds.default(1).describe("wait before the first retry; doubles each time"),
    max_backoff_seconds: seconds.default(60),
    max_retry_after_seconds: seconds
      .default(300)
      .describe("a 429 asking to wait longer than this fails the source instead of waiting"),
    hubspot: z
      .strictObject({
        requests_per_second: z
          .number()
          .positive()
          .default(9)
          .describe("the HubSpot client's limiter; HubSpot allows 100 to 190 requests per 10 s"),
        search_requests_per_second: z
          .number()
          .positive()
          .default(4)
          .describe("CRM search has a limit of its own, 5 requests per second"),
      })
      .prefault({}),
    stripe: z
      .strictObject({
        api_version: z
          .string()
          .default("2025-03-31.basil")
          .describe("Stripe-Version sent with every request, and recorded with the data"),
        invoice_lookback_days: days
          .default(90)
          .describe("besides every open invoice, invoices created this many days back"),
      })
      .prefault({}),
    matomo: z
      .strictObject({
        site_id: z.number().int().positive().default(1),
        backfill_days: days
          .default(60)
          .describe(
            "closed days fetched on the first sync, and at most after a gap: the 30-day usage " +
              "window, and as long again so that a customer inactive for longer is known to be",
          ),
        page_size: z.number().int().min(1).max(10_000).default(500),
      })
      .prefault({}),
  });
}

export type Config = z.infer<typeof configSchema>;
