import type { Client } from "@hubspot/api-client";

import { CsopsError } from "../../errors.js";
import {
  CONFIGURED_MIDDLEWARE,
  createHubspotCaller,
  type HubspotApiOptions,
} from "./create-hubspot-caller.js";
import type { HubspotApi, HubspotObject, HubspotObjectType, HubspotOwner } from "./hubspot-api.js";
import { createHubspotWriteCalls } from "./create-hubspot-write-calls.js";

export type { HubspotApiOptions } from "./create-hubspot-caller.js";

/** List endpoints return at most 100 objects a page; search 200. */
const LIST_PAGE = 100;
const SEARCH_PAGE = 200;
/** HubSpot's search returns no more than 10,000 results per query; paging past it is a 400. */
export const SEARCH_RESULT_CAP = 10_000;
/** A ticket's companies per page, when they run over one page of a batch read (v4: 500). */
const ASSOCIATION_PAGE = 500;

/**
 * HubSpot through the official client (see createHubspotCaller for its limiter and retries):
 * the sync's reads here, the write-back's calls in create-hubspot-write-calls.ts.
 */
export function createHubspotApi(options: HubspotApiOptions): HubspotApi {
  const { requests } = options;
  const caller = createHubspotCaller(options);
  const { client, call, spaceSearch } = caller;

  const crm = (type: HubspotObjectType) =>
    type === "companies" ? client.crm.companies : client.crm.tickets;

  return {
    ...createHubspotWriteCalls(caller, requests),

    async *listObjects(type, { properties, archived }) {
      const what = `${archived ? "archived " : ""}${type}`;
      let after: string | undefined;
      do {
        const page = await call(what, () =>
          crm(type).basicApi.getPage(
            LIST_PAGE,
            after,
            [...properties],
            undefined,
            undefined,
            archived,
            CONFIGURED_MIDDLEWARE,
          ),
        );
        yield page.results.map(toObject);
        after = page.paging?.next?.after;
      } while (after !== undefined);
    },

    async *listModifiedObjects(type, { properties, sinceMs }) {
      // Each query is sorted by id and starts after the last id the previous one returned. A
      // query's `after` is an offset into its results; before a page would end past the cap, a
      // new query begins, so nothing beyond the cap is skipped.
      let afterId: string | undefined;
      for (;;) {
        let after: string | undefined;
        let inQuery = 0;
        let lastId: string | undefined;
        do {
          const request = searchRequest(properties, sinceMs, afterId, after);
          await spaceSearch();
          const page = await call(`${type} modified since ${new Date(sinceMs).toISOString()}`, () =>
            crm(type).searchApi.doSearch(request, CONFIGURED_MIDDLEWARE),
          );
          yield page.results.map(toObject);
          inQuery += page.results.length;
          lastId = page.results.at(-1)?.id ?? lastId;
          after = page.paging?.next?.after;
          if (after === undefined) return;
        } while (offsetOf(after, inQuery) + SEARCH_PAGE <= SEARCH_RESULT_CAP);
        if (lastId === undefined || lastId === afterId) {
          throw new CsopsError(
            "source_unavailable",
            `HubSpot's search for ${type} made no progress after id ${afterId ?? "(none)"}`,
          );
        }
        afterId = lastId;
      }
    },

    async readTicketCompanies(ticketIds) {
      const companies = new Map<string, string[]>();
      if (ticketIds.length === 0) return companies;
      const input = { inputs: ticketIds.map((id) => ({ id })) };
      const batch = await call("ticket–company associations", () =>
        client.crm.associations.v4.batchApi.getPage(
          "tickets",
          "companies",
          input,
          CONFIGURED_MIDDLEWARE,
        ),
      );
      failOnBatchErrors(batch);
      for (const result of batch.results) {
        const ticketId = String(result._from.id);
        const ids = result.to.map((to) => String(to.toObjectId));
        let after = result.paging?.next?.after;
        while (after !== undefined) {
          const cursor = after;
          const page = await call(`companies of ticket ${ticketId}`, () =>
            client.crm.associations.v4.basicApi.getPage(
              "tickets",
              ticketId,
              "companies",
              cursor,
              ASSOCIATION_PAGE,
              CONFIGURED_MIDDLEWARE,
            ),
          );
          ids.push(...page.results.map((to) => String(to.toObjectId)));
          after = page.paging?.next?.after;
        }
        companies.set(ticketId, primaryFirst(result.to, ids));
      }

      return companies;
    },

    async *listOwners() {
      let after: string | undefined;
      do {
        const page = await call("owners", () =>
          client.crm.owners.ownersApi.getPage(
            undefined,
            after,
            LIST_PAGE,
            false,
            CONFIGURED_MIDDLEWARE,
          ),
        );
        yield page.results.map((owner): HubspotOwner => ({
          id: owner.id,
          email: owner.email,
          firstName: owner.firstName,
          lastName: owner.lastName,
        }));
        after = page.paging?.next?.after;
      } while (after !== undefined);
    },
  };
}

function searchRequest(
  properties: readonly string[],
  sinceMs: number,
  afterId: string | undefined,
  after: string | undefined,
) {
  const filters = [
    { propertyName: "hs_lastmodifieddate", operator: "GTE", value: String(sinceMs) },
    ...(afterId === undefined
      ? []
      : [{ propertyName: "hs_object_id", operator: "GT", value: afterId }]),
  ];

  return {
    filterGroups: [{ filters }],
    // The SDK types sorts as strings; HubSpot reads {propertyName, direction} objects.
    sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" }] as unknown as string[],
    properties: [...properties],
    limit: SEARCH_PAGE,
    after,
  } as Parameters<Client["crm"]["companies"]["searchApi"]["doSearch"]>[0];
}

function toObject(object: {
  id: string;
  properties: Record<string, string | null>;
  archived?: boolean | undefined;
}): HubspotObject {
  return {
    id: String(object.id),
    properties: object.properties,
    archived: object.archived ?? false,
  };
}

/** The primary company first (HubSpot labels it), then the others in the order given. */
function primaryFirst(
  to: { toObjectId: string; associationTypes: { label?: string | null | undefined }[] }[],
  ids: string[],
): string[] {
  const primary = to.find((t) => t.associationTypes.some((type) => type.label === "Primary"));
  if (primary === undefined) return ids;
  const first = String(primary.toObjectId);

  return [first, ...ids.filter((id) => id !== first)];
}

/**
 * A batch read answers 207 with one error per ticket it could not read. A ticket without
 * companies is such an error (`NO_ASSOCIATIONS_FOUND`) and simply has none; any other error
 * would lose a ticket's companies, so the sync fails rather than undercount tickets.
 */
function failOnBatchErrors(batch: object): void {
  const errors = (batch as { errors?: { subCategory?: string; message?: string }[] }).errors ?? [];
  const other = errors.find(
    (error) => !`${error.subCategory ?? ""} ${error.message ?? ""}`.includes("NO_ASSOCIATIONS"),
  );
  if (other !== undefined) {
    throw new CsopsError(
      "source_unavailable",
      `HubSpot could not read some tickets' companies: ${other.message ?? "no message"}`,
    );
  }
}

function offsetOf(after: string, fallback: number): number {
  const offset = Number(after);
  return Number.isSafeInteger(offset) ? offset : fallback;
}
