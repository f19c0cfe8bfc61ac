import type { Hono } from "hono";

import { SEGMENT_IDS, type Bucket } from "../../domain/rules.js";
import { explainCustomer } from "../../services/explain-customer.js";
import {
  RENEWAL_WINDOWS,
  listCustomers,
  type CustomerQuery,
  type RenewalWindow,
} from "../../services/list-customers.js";
import { pageContextOf } from "../page-context.js";
import { CustomerPage } from "../pages/customer-page.js";
import { CustomersPage } from "../pages/customers-page.js";
import { renderPage } from "../render-page.js";
import type { WebDeps } from "../web-deps.js";
import type { WebEnv } from "../web-env.js";

const BUCKETS: readonly string[] = [...SEGMENT_IDS, "data_gap", "none", "unevaluated"];

/** `GET /customers`, the searchable list; `GET /customers/:id`, one customer. */
export function registerCustomerRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get("/customers", async (c) => {
    const page = pageContextOf(c, deps);
    const query = readCustomerQuery((name) => c.req.query(name));
    const list = await listCustomers(page.today, query, deps);

    return renderPage(c, <CustomersPage page={page} list={list} query={query} />);
  });

  app.get("/customers/:id", async (c) => {
    const page = pageContextOf(c, deps);
    const explained = await explainCustomer(c.req.param("id"), page.today, deps);

    return renderPage(c, <CustomerPage page={page} explained={explained} />);
  });
}

/** The list's filters from the query string; a value the list does not offer is ignored. */
export function readCustomerQuery(read: (name: string) => string | undefined): CustomerQuery {
  const text = (name: string) => {
    const value = read(name)?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const segment = text("segment");
  const renewal = text("renewal");
  const status = text("status");
  const page = Number(text("page") ?? "1");

  return {
    text: text("q"),
    segment: segment !== undefined && BUCKETS.includes(segment) ? (segment as Bucket) : undefined,
    owner: text("owner"),
    plan: text("plan"),
    renewal: (RENEWAL_WINDOWS as readonly string[]).includes(renewal ?? "")
      ? (renewal as RenewalWindow)
      : undefined,
    status: status === "active" || status === "canceled" ? status : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}
