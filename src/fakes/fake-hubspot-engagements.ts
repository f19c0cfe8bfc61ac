import type { Context, Hono } from "hono";

import type { FakeEngagement, FakeState } from "./fake-state.js";
import { authorize, error } from "./hubspot-answers.js";
import { matchesFilters, type SearchRequest } from "./hubspot-search.js";
import { readJsonBody } from "./vendor-middleware.js";

type EngagementType = "tasks" | "notes";

/** HubSpot's object type ids, as v4 association answers name them. */
const OBJECT_TYPE_IDS = { tasks: "0-27", notes: "0-46", companies: "0-2" } as const;
/** Values HubSpot accepts for a task's enumerations (VENDOR-NOTES §1.6). */
const TASK_OPTIONS: Record<string, readonly string[]> = {
  hs_task_status: ["NOT_STARTED", "IN_PROGRESS", "WAITING", "DEFERRED", "COMPLETED"],
  hs_task_priority: ["NONE", "LOW", "MEDIUM", "HIGH"],
  hs_task_type: ["TODO", "CALL", "EMAIL", "LINKED_IN_CONNECT", "LINKED_IN_MESSAGE"],
};
const READ_SCOPE = "crm.objects.contacts.read";
const WRITE_SCOPE = "crm.objects.contacts.write";

interface CreateBody {
  properties?: Record<string, string>;
  associations?: {
    to?: { id?: string };
    types?: { associationCategory?: string; associationTypeId?: number }[];
  }[];
}

/**
 * Tasks and notes as HubSpot keeps them: created with their company associations (a type id
 * this portal does not know leaves the association out and still answers 201), updated,
 * searched (CONTAINS_TOKEN and EQ), and their company associations read and created (v4).
 */
export function registerFakeEngagements(app: Hono, state: FakeState): void {
  for (const type of ["tasks", "notes"] as const) {
    app.post(`/crm/v3/objects/${type}`, async (c) => {
      const refused = authorize(c, state, WRITE_SCOPE);
      if (refused) return refused;
      return create(c, state, type, ((await readJsonBody(c)) ?? {}) as CreateBody);
    });

    app.post(`/crm/v3/objects/${type}/search`, async (c) => {
      const refused = authorize(c, state, READ_SCOPE);
      if (refused) return refused;
      return search(c, listOf(state, type), ((await readJsonBody(c)) ?? {}) as SearchRequest);
    });

    app.get(`/crm/v4/objects/${type}/:id/associations/companies`, (c) => {
      const refused = authorize(c, state, READ_SCOPE);
      if (refused) return refused;
      const engagement = findOf(state, type, c.req.param("id"));
      if (engagement === undefined) return error(c, 404, "no such object", "OBJECT_NOT_FOUND");
      const results = engagement.associations.map((association) => ({
        toObjectId: Number(association.companyId),
        associationTypes: [
          { category: "HUBSPOT_DEFINED", typeId: association.typeId, label: null },
        ],
      }));

      return c.json({ results });
    });

    app.put(`/crm/v4/objects/${type}/:id/associations/companies/:companyId`, async (c) => {
      const refused = authorize(c, state, WRITE_SCOPE);
      if (refused) return refused;
      const specs = ((await readJsonBody(c)) ?? []) as unknown as CreateBody["associations"];
      return associate(c, state, type, specs as { associationTypeId?: number }[]);
    });
  }

  app.patch("/crm/v3/objects/tasks/:id", async (c) => {
    const refused = authorize(c, state, WRITE_SCOPE);
    if (refused) return refused;
    const task = findOf(state, "tasks", c.req.param("id"));
    if (task === undefined) return error(c, 404, "resource not found", "OBJECT_NOT_FOUND");
    const properties = (((await readJsonBody(c)) ?? {}) as CreateBody).properties ?? {};
    const invalid = findInvalidTaskValue(properties);
    if (invalid !== undefined) return error(c, 400, invalid);
    Object.assign(task.properties, properties);

    return c.json(render(task, Object.keys(task.properties)));
  });
}

function create(c: Context, state: FakeState, type: EngagementType, body: CreateBody) {
  const properties = body.properties ?? {};
  if (properties.hs_timestamp === undefined || properties.hs_timestamp === "") {
    return error(c, 400, 'Property values were not valid: "hs_timestamp" is required');
  }
  const invalid = type === "tasks" ? findInvalidTaskValue(properties) : undefined;
  if (invalid !== undefined) return error(c, 400, invalid);
  const owner = properties.hubspot_owner_id;
  if (owner && !state.business.owners.some((o) => o.ownerId === owner)) {
    return error(c, 400, `Property values were not valid: ${owner} is not a valid owner id`);
  }

  const companies = new Set(state.business.companies.map((company) => company.companyId));
  const associations: FakeEngagement["associations"] = [];
  for (const association of body.associations ?? []) {
    const companyId = String(association.to?.id ?? "");
    if (!companies.has(companyId)) {
      return error(c, 400, `Invalid association: no company ${companyId}`);
    }
    for (const spec of association.types ?? []) {
      // A type this portal does not know is left out without a word (hubspot-api-nodejs#376).
      if (spec.associationTypeId !== state.behaviour.associationTypeIds[type]) continue;
      associations.push({ companyId, typeId: spec.associationTypeId });
    }
  }
  const dropped = state.behaviour.dropNextAssociations ?? 0;
  if (dropped > 0) state.behaviour.dropNextAssociations = dropped - 1;

  const engagement: FakeEngagement = {
    id: String(state.hubspot.nextId++),
    properties: {
      ...(type === "tasks" ? { hs_task_status: "NOT_STARTED" } : {}),
      ...properties,
      hs_createdate: new Date().toISOString(),
    },
    associations: dropped > 0 ? [] : associations,
  };
  listOf(state, type).push(engagement);

  return c.json(render(engagement, Object.keys(engagement.properties)), 201);
}

function associate(
  c: Context,
  state: FakeState,
  type: EngagementType,
  specs: { associationTypeId?: number }[],
) {
  const engagement = findOf(state, type, c.req.param("id"));
  const companyId = c.req.param("companyId") ?? "";
  if (
    engagement === undefined ||
    !state.business.companies.some((x) => x.companyId === companyId)
  ) {
    return error(c, 404, "no such object", "OBJECT_NOT_FOUND");
  }
  const typeId = state.behaviour.associationTypeIds[type];
  if (!Array.isArray(specs) || !specs.some((spec) => spec.associationTypeId === typeId)) {
    return error(c, 400, `invalid association type for ${type} to companies`);
  }
  if (!engagement.associations.some((association) => association.companyId === companyId)) {
    engagement.associations.push({ companyId, typeId });
  }

  return c.json(
    {
      fromObjectTypeId: OBJECT_TYPE_IDS[type],
      fromObjectId: Number(engagement.id),
      toObjectTypeId: OBJECT_TYPE_IDS.companies,
      toObjectId: Number(companyId),
      labels: [],
    },
    201,
  );
}

function search(c: Context, engagements: readonly FakeEngagement[], request: SearchRequest) {
  const limit = request.limit ?? 10;
  const offset = Number(request.after ?? 0);
  const matching = engagements.filter((engagement) =>
    matchesFilters(
      { id: engagement.id, properties: engagement.properties, archived: false, modifiedAt: 0 },
      request,
    ),
  );
  const page = matching.slice(offset, offset + limit);
  const more = offset + limit < matching.length;

  return c.json({
    total: matching.length,
    results: page.map((engagement) => render(engagement, request.properties ?? [])),
    ...(more ? { paging: { next: { after: String(offset + limit) } } } : {}),
  });
}

function findInvalidTaskValue(properties: Record<string, string>): string | undefined {
  for (const [name, options] of Object.entries(TASK_OPTIONS)) {
    const value = properties[name];
    if (value !== undefined && !options.includes(value)) {
      return `Property values were not valid: ${value} was not one of the allowed options for ${name} (INVALID_OPTION)`;
    }
  }

  return undefined;
}

function listOf(state: FakeState, type: EngagementType): FakeEngagement[] {
  return type === "tasks" ? state.hubspot.tasks : state.hubspot.notes;
}

function findOf(state: FakeState, type: EngagementType, id: string | undefined) {
  return listOf(state, type).find((engagement) => engagement.id === id);
}

function render(engagement: FakeEngagement, requested: readonly string[]) {
  const properties: Record<string, string | null> = {
    hs_object_id: engagement.id,
    hs_createdate: engagement.properties.hs_createdate ?? null,
  };
  for (const name of requested) properties[name] = engagement.properties[name] ?? null;
  const at = engagement.properties.hs_createdate ?? new Date(0).toISOString();

  return { id: engagement.id, properties, createdAt: at, updatedAt: at, archived: false };
}
