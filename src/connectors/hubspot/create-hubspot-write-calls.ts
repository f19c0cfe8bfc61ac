import type { Client } from "@hubspot/api-client";

import type { CsopsError } from "../../errors.js";
import type { RequestSettings } from "../request-settings.js";
import { CONFIGURED_MIDDLEWARE, type HubspotCaller } from "./create-hubspot-caller.js";
import type {
  CompanyUpdateResult,
  CreateResult,
  HubspotApi,
  HubspotAssociationType,
} from "./hubspot-api.js";
import { BODY_PROPERTY, buildMarkerSearch, holdsMarker } from "./marker-search.js";

type WriteCalls = Pick<
  HubspotApi,
  | "readCompanyProperty"
  | "createCompanyProperty"
  | "updateCompanies"
  | "readAssociationTypes"
  | "createTask"
  | "createNote"
  | "findByMarker"
  | "readAssociatedCompanies"
  | "associateWithCompany"
  | "completeTask"
>;
type TaskCreate = Parameters<Client["crm"]["objects"]["tasks"]["basicApi"]["create"]>[0];

/** A task or note's company associations per page (v4 allows 500). */
const ASSOCIATION_PAGE = 500;

/**
 * The write-back's calls (see HubspotApi). Creates go through `caller.create`, which never
 * repeats a request that may have taken effect; everything else is safe to repeat (a read, a
 * PATCH or PUT that sets the same value again) and goes through the usual retry policy.
 */
export function createHubspotWriteCalls(
  caller: HubspotCaller,
  requests: RequestSettings,
): WriteCalls {
  const { client, call, find } = caller;
  const v4 = client.crm.associations.v4;

  return {
    async readCompanyProperty(name) {
      const property = await find(`the company property ${name}`, () =>
        client.crm.properties.coreApi.getByName(
          "companies",
          name,
          false,
          undefined,
          CONFIGURED_MIDDLEWARE,
        ),
      );
      if (property === undefined) return undefined;

      return {
        name: property.name,
        label: property.label,
        groupName: property.groupName,
        type: String(property.type),
        options: property.options.map((option) => ({ value: option.value, label: option.label })),
      };
    },

    async createCompanyProperty(property) {
      const definition = {
        name: property.name,
        label: property.label,
        groupName: property.groupName,
        type: property.type,
        fieldType: "select",
        options: property.options.map((option, index) => ({ ...option, displayOrder: index })),
      } as unknown as Parameters<Client["crm"]["properties"]["coreApi"]["create"]>[1];
      const created = await find(
        `the company property ${property.name}`,
        () => client.crm.properties.coreApi.create("companies", definition, CONFIGURED_MIDDLEWARE),
        "write",
        [409],
      );

      return created === undefined ? "conflict" : "created";
    },

    async updateCompanies(updates) {
      const inputs = updates.map((update) => ({
        id: update.companyId,
        properties: update.properties,
      }));
      const answer = await call(
        `the properties of ${updates.length} companies`,
        () => client.crm.companies.batchApi.update({ inputs }, CONFIGURED_MIDDLEWARE),
        "write",
      );

      return readBatchAnswer(
        updates.map((update) => update.companyId),
        answer,
      );
    },

    async readAssociationTypes(from) {
      const answer = await call(`the association types from ${from} to companies`, () =>
        v4.schema.definitionsApi.getAll(from, "companies", CONFIGURED_MIDDLEWARE),
      );

      return answer.results.map((type) => ({
        category: String(type.category) as HubspotAssociationType["category"],
        typeId: Number(type.typeId),
        label: type.label ?? undefined,
      }));
    },

    async createTask(task) {
      const properties: Record<string, string> = {
        hs_timestamp: new Date(task.dueAt * 1000).toISOString(),
        hs_task_subject: task.subject,
        hs_task_body: task.body,
        hs_task_status: "NOT_STARTED",
        hs_task_priority: task.priority,
        hs_task_type: task.type,
        ...(task.ownerId === undefined ? {} : { hubspot_owner_id: task.ownerId }),
      };
      const input = withAssociation(properties, task.companyId, task.association);

      return toCreateResult(
        await caller.create(`the task "${task.subject}"`, () =>
          client.crm.objects.tasks.basicApi.create(input, CONFIGURED_MIDDLEWARE),
        ),
      );
    },

    async createNote(note) {
      const properties: Record<string, string> = {
        hs_timestamp: new Date(note.at * 1000).toISOString(),
        hs_note_body: note.body,
        ...(note.ownerId === undefined ? {} : { hubspot_owner_id: note.ownerId }),
      };
      const input = withAssociation(properties, note.companyId, note.association);

      return toCreateResult(
        await caller.create(`a note on company ${note.companyId}`, () =>
          client.crm.objects.notes.basicApi.create(input, CONFIGURED_MIDDLEWARE),
        ),
      );
    },

    async findByMarker(type, search) {
      const body = BODY_PROPERTY[type];
      const request = buildMarkerSearch(type, search);
      const api = type === "tasks" ? client.crm.objects.tasks : client.crm.objects.notes;
      const found: string[] = [];
      let after: string | undefined;
      do {
        await caller.spaceSearch();
        const page = await call(`${type} marked "${search.marker}"`, () =>
          api.searchApi.doSearch({ ...request, after }, CONFIGURED_MIDDLEWARE),
        );
        for (const object of page.results) {
          if (holdsMarker(object.properties[body] ?? "", search.marker)) found.push(object.id);
        }
        after = page.paging?.next?.after;
      } while (after !== undefined);

      return found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    },

    async readAssociatedCompanies(type, id) {
      const companies: string[] = [];
      let after: string | undefined;
      do {
        const cursor = after;
        const page = await find(`the companies of HubSpot ${type} ${id}`, () =>
          v4.basicApi.getPage(
            type,
            id,
            "companies",
            cursor,
            ASSOCIATION_PAGE,
            CONFIGURED_MIDDLEWARE,
          ),
        );
        if (page === undefined) return undefined;
        companies.push(...page.results.map((to) => String(to.toObjectId)));
        after = page.paging?.next?.after;
      } while (after !== undefined);

      return companies;
    },

    async associateWithCompany(type, id, companyId, association) {
      const spec = [
        { associationCategory: association.category, associationTypeId: association.typeId },
      ] as unknown as Parameters<typeof v4.basicApi.create>[4];
      await call(
        `the association of HubSpot ${type} ${id} with company ${companyId}`,
        () => v4.basicApi.create(type, id, "companies", companyId, spec, CONFIGURED_MIDDLEWARE),
        "write",
      );
    },

    async completeTask(id) {
      const done = await find(
        `HubSpot task ${id} as completed`,
        () =>
          client.crm.objects.tasks.basicApi.update(
            id,
            { properties: { hs_task_status: "COMPLETED" } },
            undefined,
            CONFIGURED_MIDDLEWARE,
          ),
        "write",
      );
      requests.logger.debug({ task: id, done: done !== undefined }, "HubSpot task completed");

      return done === undefined ? "gone" : "completed";
    },
  };
}

function withAssociation(
  properties: Record<string, string>,
  companyId: string,
  association: HubspotAssociationType,
): TaskCreate {
  const types = [
    { associationCategory: association.category, associationTypeId: association.typeId },
  ];

  return { properties, associations: [{ to: { id: companyId }, types }] } as unknown as TaskCreate;
}

function toCreateResult(
  created: { value: { id: string } } | { failed: CsopsError; mayExist: boolean },
): CreateResult {
  if ("value" in created) return { id: String(created.value.id) };
  const code = created.failed.code === "source_refused" ? "source_refused" : "source_unavailable";

  return { failed: created.failed.message, mayExist: created.mayExist, code };
}

/** Which companies a batch update wrote, and why HubSpot did not write the others. */
function readBatchAnswer(ids: readonly string[], answer: object): CompanyUpdateResult {
  const { results = [], errors = [] } = answer as {
    results?: { id: string }[];
    errors?: { message?: string; context?: Record<string, string[] | undefined> }[];
  };
  const updated = results.map((result) => String(result.id));
  const written = new Set(updated);
  const reasons = new Map<string, string>();
  for (const error of errors) {
    for (const id of error.context?.ids ?? []) reasons.set(id, error.message ?? "no reason given");
  }
  const failed = ids
    .filter((id) => !written.has(id))
    .map((companyId) => ({
      companyId,
      reason: reasons.get(companyId) ?? "HubSpot did not write it and gave no reason",
    }));

  return { updated, failed };
}
