import type { Context, Hono } from "hono";

import type {
  StripeCustomerRecord,
  StripeInvoiceRecord,
  StripeSubscriptionRecord,
} from "../domain/records.js";
import { noonOf, type FakeBusiness } from "./fake-business.js";
import type { FakeState } from "./fake-state.js";
import { useVendorMiddleware } from "./vendor-middleware.js";

type Resource = "customers" | "subscriptions" | "invoices";
type StripeJson = Record<string, unknown> & { id: string; created: number };

/** From this version on, periods live on subscription items and invoices name a `parent`. */
const BASIL = "2025-03-31";
const DAY = 86_400;

/**
 * Stripe's v1 list and retrieve endpoints csops reads (VENDOR-NOTES §2): lists newest first
 * with `starting_after` cursors and `has_more`, subscriptions without canceled ones unless
 * `status=all`, both API shapes by the Stripe-Version asked for, and Stripe's error bodies for
 * a bad key (401) and a restricted key without the permission (403).
 */
export function registerFakeStripe(app: Hono, state: FakeState): void {
  useVendorMiddleware(app, "/v1/*", "stripe", state, async () => undefined);

  app.get("/v1/:resource", (c) => {
    const resource = c.req.param("resource") as Resource;
    if (!["customers", "subscriptions", "invoices"].includes(resource)) return missing(c, "url");
    const refused = authorize(c, state, resource);
    if (refused) return refused;
    const version = versionOf(c, state);
    c.header("Stripe-Version", version);

    const objects = listed(state.business, resource, version).filter((object) =>
      kept(c, resource, object),
    );
    return c.json(pageOf(objects, c, `/v1/${resource}`));
  });

  app.get("/v1/invoices/:id", (c) => {
    const refused = authorize(c, state, "invoices");
    if (refused) return refused;
    const version = versionOf(c, state);
    c.header("Stripe-Version", version);
    const invoice = state.business.invoices.find((i) => i.invoiceId === c.req.param("id"));

    return invoice === undefined
      ? missing(c, "id", `No such invoice: '${c.req.param("id")}'`)
      : c.json(renderInvoice(invoice, state.business, version));
  });
}

/** The API version a request asked for, else the account's default, as Stripe answers. */
function versionOf(c: Context, state: FakeState): string {
  return c.req.header("stripe-version") ?? state.behaviour.stripeDefaultVersion;
}

function isBasilOrLater(version: string): boolean {
  return version.slice(0, 10) >= BASIL;
}

function authorize(c: Context, state: FakeState, resource: Resource): Response | undefined {
  const header = c.req.header("authorization") ?? "";
  const key =
    /^Bearer (.+)$/.exec(header)?.[1] ??
    Buffer.from(/^Basic (.+)$/.exec(header)?.[1] ?? "", "base64")
      .toString()
      .split(":")[0];
  const readable = key ? state.credentials.stripe[key] : undefined;
  if (readable === undefined) {
    const message = `Invalid API Key provided: ${mask(key ?? "")}`;
    return c.json({ error: { message, type: "invalid_request_error" } }, 401);
  }
  if (readable.includes(resource)) return undefined;
  const permission = `rak_${resource.slice(0, -1)}_read`;

  return c.json(
    {
      error: {
        message:
          `The provided key '${mask(key ?? "")}' does not have the required permissions for this ` +
          `endpoint on account 'acct_1FakeCsops'. Having the '${permission}' permission would ` +
          "allow this request to continue.",
        type: "invalid_request_error",
      },
    },
    403,
  );
}

/** Stripe quotes a key with all but its prefix and last four characters starred out. */
function mask(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? "";
  return `${prefix}${"*".repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

function missing(c: Context, param: string, message = "Unrecognized request URL"): Response {
  return c.json(
    { error: { code: "resource_missing", message, param, type: "invalid_request_error" } },
    404,
  );
}

/** Every object of a resource, newest first as Stripe lists them. */
function listed(business: FakeBusiness, resource: Resource, version: string): StripeJson[] {
  const objects =
    resource === "customers"
      ? business.stripeCustomers.filter((c) => !c.isDeleted).map(renderCustomer)
      : resource === "subscriptions"
        ? business.subscriptions.map((s) => renderSubscription(s, business, version))
        : business.invoices.map((i) => renderInvoice(i, business, version));

  return objects.sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The list filters csops uses: status (subscriptions hide canceled ones by default), created. */
function kept(c: Context, resource: Resource, object: StripeJson): boolean {
  const status = c.req.query("status");
  if (resource === "subscriptions") {
    if (
      status === undefined &&
      ["canceled", "incomplete_expired"].includes(String(object.status))
    ) {
      return false;
    }
    if (status !== undefined && status !== "all" && object.status !== status) return false;
  }
  if (resource === "invoices" && status !== undefined && object.status !== status) return false;
  const customer = c.req.query("customer");
  if (customer !== undefined && object.customer !== customer) return false;
  const since = c.req.query("created[gte]");

  return since === undefined || object.created >= Number(since);
}

function pageOf(objects: StripeJson[], c: Context, url: string) {
  const limit = Math.min(Math.max(Number(c.req.query("limit") ?? 10), 1), 100);
  const after = c.req.query("starting_after");
  const start = after === undefined ? 0 : objects.findIndex((o) => o.id === after) + 1;
  const data = objects.slice(start, start + limit);

  return { object: "list", data, has_more: start + limit < objects.length, url };
}

function renderCustomer(customer: StripeCustomerRecord): StripeJson {
  return {
    id: customer.customerId,
    object: "customer",
    balance: 0,
    created: customer.createdAt ?? 1_700_000_000,
    currency: "gbp",
    delinquent: customer.delinquent ?? false,
    description: null,
    email: customer.email ?? null,
    livemode: false,
    metadata: customer.hubspotCompanyId ? { hubspot_company_id: customer.hubspotCompanyId } : {},
    name: customer.name ?? null,
  };
}

function renderSubscription(
  subscription: StripeSubscriptionRecord,
  business: FakeBusiness,
  version: string,
): StripeJson {
  const zone = business.timeZone;
  const end =
    subscription.currentPeriodEnd === undefined
      ? null
      : noonOf(subscription.currentPeriodEnd, zone);
  const period =
    end === null ? {} : { current_period_start: end - 30 * DAY, current_period_end: end };
  const basil = isBasilOrLater(version);
  const item = {
    id: `si_${subscription.subscriptionId.slice(4)}`,
    object: "subscription_item",
    price: { id: "price_fake", object: "price", currency: "gbp", recurring: { interval: "month" } },
    quantity: 1,
    ...(basil ? period : {}),
  };
  const created = subscription.createdAt ?? 1_700_000_000;

  return {
    id: subscription.subscriptionId,
    object: "subscription",
    cancel_at_period_end: subscription.cancelAtPeriodEnd ?? false,
    canceled_at: subscription.canceledAt ?? null,
    collection_method: "charge_automatically",
    created,
    customer: subscription.customerId,
    items: { object: "list", data: [item], has_more: false, url: "/v1/subscription_items" },
    livemode: false,
    metadata: {},
    start_date:
      subscription.startDate === undefined ? created : noonOf(subscription.startDate, zone),
    status: subscription.status,
    ...(basil ? {} : period),
  };
}

function renderInvoice(
  invoice: StripeInvoiceRecord,
  business: FakeBusiness,
  version: string,
): StripeJson {
  const subscription = invoice.subscriptionId ?? null;
  const shape = isBasilOrLater(version)
    ? {
        parent:
          subscription === null
            ? null
            : { type: "subscription_details", subscription_details: { subscription } },
      }
    : { subscription, paid: invoice.status === "paid", charge: null };

  return {
    id: invoice.invoiceId,
    object: "invoice",
    amount_due: invoice.amountRemaining,
    amount_paid: 0,
    amount_remaining: invoice.amountRemaining,
    attempt_count: invoice.attemptCount,
    attempted: invoice.attempted,
    collection_method: "charge_automatically",
    created: invoice.createdAt,
    currency: "gbp",
    customer: invoice.customerId,
    due_date: invoice.dueDate === undefined ? null : noonOf(invoice.dueDate, business.timeZone),
    livemode: false,
    status: invoice.status,
    ...shape,
  };
}
