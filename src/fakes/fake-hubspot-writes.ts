import type { Context, Hono } from "hono";

import { registerFakeEngagements } from "./fake-hubspot-engagements.js";
import { authorize, error } from "./hubspot-answers.js";
import type { FakeProperty, FakeState } from "./fake-state.js";
import { readJsonBody } from "./vendor-middleware.js";

/** Company properties every portal has, which a batch update may also write. */
const BUILT_IN_PROPERTIES = new Set(["name", "domain", "hubspot_owner_id", "description"]);
/** A batch update takes at most this many companies (HubSpot: 100). */
const BATCH_LIMIT = 100;

/**
 * The HubSpot calls the write-back makes, answering as HubSpot does (VENDOR-NOTES §1.2, §1.6):
 * a company property read (404 until created) and created (409 when it exists), company batch
 * updates that refuse an unknown property or option whole and report unknown companies in a
 * 207, association labels, and tasks and notes (fake-hubspot-engagements.ts).
 */
export function registerFakeHubspotWrites(app: Hono, state: FakeState): void {
  const properties = state.hubspot.companyProperties;

  app.get("/crm/v3/properties/companies/:name", (c) => {
    const refused = authorize(c, state, "crm.schemas.companies.read");
    if (refused) return refused;
    const property = properties.get(c.req.param("name"));
    if (property === undefined) {
      return error(c, 404, `Unable to find property ${c.req.param("name")}`, "OBJECT_NOT_FOUND");
    }

    return c.json(renderProperty(property));
  });

  app.post("/crm/v3/properties/companies", async (c) => {
    const refused = authorize(c, state, "crm.schemas.companies.write");
    if (refused) return refused;
    const body = ((await readJsonBody(c)) ?? {}) as Partial<FakeProperty>;
    const invalid = findInvalidDefinition(body);
    if (invalid !== undefined) return error(c, 400, invalid);
    if (properties.has(body.name ?? "")) {
      return error(
        c,
        409,
        `A property named '${body.name}' already exists.`,
        "OBJECT_ALREADY_EXISTS",
      );
    }
    const property = body as FakeProperty;
    properties.set(property.name, { ...property, options: property.options ?? [] });

    return c.json(renderProperty(property), 201);
  });

  app.post("/crm/v3/objects/companies/batch/update", async (c) => {
    const refused = authorize(c, state, "crm.objects.companies.write");
    if (refused) return refused;
    const body = ((await readJsonBody(c)) ?? {}) as BatchUpdate;
    return updateCompanies(c, state, body.inputs ?? []);
  });

  app.get("/crm/v4/associations/:from/:to/labels", (c) => {
    const refused = authorize(c, state, "crm.objects.companies.read");
    if (refused) return refused;
    const from = c.req.param("from");
    if (c.req.param("to") !== "companies" || (from !== "tasks" && from !== "notes")) {
      return c.json({ results: [] });
    }
    const typeId = state.behaviour.associationTypeIds[from];

    return c.json({ results: [{ category: "HUBSPOT_DEFINED", typeId, label: null }] });
  });

  registerFakeEngagements(app, state);
}

interface BatchUpdate {
  inputs?: { id?: string; properties?: Record<string, string> }[];
}

/**
 * Writes the values, or refuses the whole batch for a property that does not exist or a value
 * that is not one of an enumeration's options, as HubSpot validates before writing anything.
 */
function updateCompanies(c: Context, state: FakeState, inputs: BatchUpdate["inputs"] & object) {
  if (inputs.length > BATCH_LIMIT) {
    return error(c, 400, `at most ${BATCH_LIMIT} inputs per batch, got ${inputs.length}`);
  }
  for (const input of inputs) {
    for (const [name, value] of Object.entries(input.properties ?? {})) {
      const invalid = findInvalidValue(state, name, value);
      if (invalid !== undefined) return error(c, 400, invalid);
    }
  }

  const known = new Set(state.business.companies.map((company) => company.companyId));
  const missing = inputs.filter((input) => !known.has(String(input.id)));
  const now = new Date().toISOString();
  const results = inputs
    .filter((input) => known.has(String(input.id)))
    .map((input) => {
      const id = String(input.id);
      const values = { ...state.hubspot.companyValues.get(id), ...input.properties };
      state.hubspot.companyValues.set(id, values);
      return { id, properties: values, createdAt: now, updatedAt: now, archived: false };
    });
  const errors = missing.map((input) => ({
    status: "error",
    category: "OBJECT_NOT_FOUND",
    message: `Could not get some COMPANY objects, they may be deleted or not exist: ${input.id}`,
    context: { ids: [String(input.id)] },
  }));
  const body = { status: "COMPLETE", results, startedAt: now, completedAt: now };

  return errors.length === 0
    ? c.json(body)
    : c.json({ ...body, numErrors: errors.length, errors }, 207);
}

function findInvalidValue(state: FakeState, name: string, value: string): string | undefined {
  const property = state.hubspot.companyProperties.get(name);
  if (property === undefined) {
    if (BUILT_IN_PROPERTIES.has(name)) return undefined;
    return `Property values were not valid: [{"isValid":false,"message":"Property \\"${name}\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"${name}"}]`;
  }
  const isOption = property.options.some((option) => option.value === value);
  if (property.type !== "enumeration" || value === "" || isOption) return undefined;

  return `Property values were not valid: [{"isValid":false,"message":"${value} was not one of the allowed options","error":"INVALID_OPTION","name":"${name}"}]`;
}

function findInvalidDefinition(body: Partial<FakeProperty>): string | undefined {
  if (!/^[a-z][a-z0-9_]*$/.test(body.name ?? "")) return `invalid property name "${body.name}"`;
  if (body.label === undefined || body.groupName === undefined) {
    return "label and groupName are required";
  }
  if (body.type === "enumeration" && (body.options ?? []).length === 0) {
    return "an enumeration property needs options";
  }

  return undefined;
}

function renderProperty(property: FakeProperty) {
  return {
    ...property,
    options: property.options.map((option, index) => ({
      displayOrder: index,
      ...option,
      hidden: false,
    })),
    description: "",
    hidden: false,
    formField: false,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
  };
}
