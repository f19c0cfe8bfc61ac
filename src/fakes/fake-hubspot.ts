import type { Context, Hono } from "hono";

import { registerFakeHubspotWrites } from "./fake-hubspot-writes.js";
import type { FakeState } from "./fake-state.js";
import { byRequestedSort, matchesFilters, type SearchRequest } from "./hubspot-search.js";
import {
  associated,
  compareIds,
  render,
  served,
  type ObjectType,
} from "./hubspot-served-objects.js";
import { readJsonBody, useVendorMiddleware } from "./vendor-middleware.js";
import { authorize, error, notFound } from "./hubspot-answers.js";

const SCOPES: Record<ObjectType | "owners", string> = {
  companies: "crm.objects.companies.read",
  tickets: "tickets",
  owners: "crm.objects.owners.read",
};

/**
 * HubSpot's CRM v3/v4 endpoints csops reads, answering as HubSpot does (VENDOR-NOTES §1):
 * cursors in `paging.next.after`, list pages of at most 100, search pages of at most 200 with a
 * cap on results per query, a 401 for an unknown token and a 403 naming a missing scope, and
 * 207 with an error per ticket that has no company in a batch association read.
 */
export function registerFakeHubspot(app: Hono, state: FakeState): void {
  useVendorMiddleware(app, "/crm/*", "hubspot", state, readJsonBody);
  // Before the routes below: their patterns (`/crm/v3/objects/:type/search`) match these too.
  registerFakeHubspotWrites(app, state);

  app.get("/crm/v3/objects/:type", (c) => {
    const type = objectTypeOf(c);
    if (type === undefined) return notFound(c);
    const refused = authorize(c, state, SCOPES[type]);
    if (refused) return refused;
    const limit = Number(c.req.query("limit") ?? 10);
    if (!(limit >= 1 && limit <= 100)) return error(c, 400, "limit must be from 1 to 100");

    const archived = c.req.query("archived") === "true";
    const all = served(state.business, type).filter((object) => object.archived === archived);
    // Repeated (`properties=a&properties=b`, as the client sends them) or comma-separated.
    const requested = (c.req.queries("properties") ?? []).flatMap((p) => p.split(","));
    const page = pageByCursor(all, c.req.query("after"), limit);

    return c.json({ results: page.items.map((o) => render(o, requested)), ...page.paging });
  });

  app.post("/crm/v3/objects/:type/search", async (c) => {
    const type = objectTypeOf(c);
    if (type === undefined) return notFound(c);
    const refused = authorize(c, state, SCOPES[type]);
    if (refused) return refused;
    const request = ((await readJsonBody(c)) ?? {}) as SearchRequest;
    const limit = request.limit ?? 10;
    const offset = Number(request.after ?? 0);
    if (!(limit >= 1 && limit <= 200)) return error(c, 400, "limit must be from 1 to 200");
    if (offset + limit > state.behaviour.searchResultCap) {
      return error(c, 400, `paging past ${state.behaviour.searchResultCap} results is not allowed`);
    }

    const matching = served(state.business, type)
      .filter((object) => !object.archived && matchesFilters(object, request))
      .sort(byRequestedSort(request));
    const results = matching.slice(offset, offset + limit);
    const next =
      offset + limit < matching.length ? { next: { after: String(offset + limit) } } : {};

    return c.json({
      total: matching.length,
      results: results.map((o) => render(o, request.properties ?? [])),
      ...(Object.keys(next).length > 0 ? { paging: next } : {}),
    });
  });

  app.post("/crm/v4/associations/:from/:to/batch/read", async (c) => {
    const refused = authorize(c, state, SCOPES.tickets);
    if (refused) return refused;
    if (!isTickets(c.req.param("from")) || !isCompanies(c.req.param("to"))) return notFound(c);
    const inputs = (((await readJsonBody(c)) ?? {}) as { inputs?: { id: string }[] }).inputs ?? [];
    const tickets = new Map(state.business.tickets.map((ticket) => [ticket.ticketId, ticket]));
    const size = state.behaviour.associationPageSize;
    const results = [];
    const errors = [];
    for (const { id } of inputs) {
      const companyIds = tickets.get(String(id))?.companyIds ?? [];
      if (companyIds.length === 0) {
        errors.push({
          status: "error",
          category: "OBJECT_NOT_FOUND",
          subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
          message: `No company is associated with ticket ${id}.`,
          context: { fromObjectId: [String(id)] },
        });
        continue;
      }
      const paging = companyIds.length > size ? { paging: { next: { after: String(size) } } } : {};
      results.push({
        from: { id: String(id) },
        to: associated(companyIds.slice(0, size), 0),
        ...paging,
      });
    }
    const body = {
      status: "COMPLETE",
      results,
      ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    };

    return c.json(body, errors.length > 0 ? 207 : 200);
  });

  app.get("/crm/v4/objects/:type/:id/associations/:to", (c) => {
    const refused = authorize(c, state, SCOPES.tickets);
    if (refused) return refused;
    if (!isTickets(c.req.param("type")) || !isCompanies(c.req.param("to"))) return notFound(c);
    const ticket = state.business.tickets.find((t) => t.ticketId === c.req.param("id"));
    if (ticket === undefined) return notFound(c);
    const offset = Number(c.req.query("after") ?? 0);
    const size = Math.min(Number(c.req.query("limit") ?? 500), state.behaviour.associationPageSize);
    const ids = ticket.companyIds.slice(offset, offset + size);
    const more = offset + size < ticket.companyIds.length;

    return c.json({
      results: associated(ids, offset),
      ...(more ? { paging: { next: { after: String(offset + size) } } } : {}),
    });
  });

  app.get("/crm/v3/owners", (c) => {
    const refused = authorize(c, state, SCOPES.owners);
    if (refused) return refused;
    const limit = Number(c.req.query("limit") ?? 100);
    const owners = [...state.business.owners].sort((a, b) => compareIds(a.ownerId, b.ownerId));
    const items = owners.map((owner) => ({ ...owner, id: owner.ownerId }));
    const page = pageByCursor(items, c.req.query("after"), limit);

    return c.json({
      results: page.items.map((owner) => ({
        id: owner.ownerId,
        email: owner.email,
        firstName: owner.firstName,
        lastName: owner.lastName,
        userId: Number(owner.ownerId) + 1000,
        type: "PERSON",
        createdAt: "2024-01-02T09:00:00.000Z",
        updatedAt: "2024-01-02T09:00:00.000Z",
        archived: false,
      })),
      ...page.paging,
    });
  });
}

function objectTypeOf(c: Context): ObjectType | undefined {
  const type = c.req.param("type");
  if (isCompanies(type)) return "companies";

  return isTickets(type) ? "tickets" : undefined;
}

function isCompanies(name: string | undefined): boolean {
  return name === "companies" || name === "company" || name === "0-2";
}

function isTickets(name: string | undefined): boolean {
  return name === "tickets" || name === "ticket" || name === "0-5";
}

/** A page of objects sorted by id; the cursor is the id the next page starts at. */
function pageByCursor<T extends { id: string }>(
  items: readonly T[],
  after: string | undefined,
  limit: number,
) {
  const start =
    after === undefined ? 0 : items.findIndex((item) => compareIds(item.id, after) >= 0);
  const from = start < 0 ? items.length : start;
  const next = items[from + limit];

  return {
    items: items.slice(from, from + limit),
    paging:
      next === undefined ? {} : { paging: { next: { after: next.id, link: `?after=${next.id}` } } },
  };
}
