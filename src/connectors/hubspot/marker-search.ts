import type { Client } from "@hubspot/api-client";

import type { EngagementType, MarkerSearch } from "./hubspot-api.js";

type SearchRequest = Parameters<Client["crm"]["objects"]["tasks"]["searchApi"]["doSearch"]>[0];

/** Objects found by a marker search, per page; more than one means duplicates to report. */
const MARKER_PAGE = 100;
/** Where a task's or note's text is. */
export const BODY_PROPERTY = { tasks: "hs_task_body", notes: "hs_note_body" } as const;

/**
 * Two ways to find the object, either of which may match: a token of its marker in the body
 * (how HubSpot tokenises punctuation is not documented, so this may find nothing), and the
 * exact time (and a task's subject) it was created with. What comes back is only trusted when
 * its body holds the marker (see holdsMarker).
 */
export function buildMarkerSearch(type: EngagementType, search: MarkerSearch): SearchRequest {
  const token = search.marker.split(" ").at(-1) ?? search.marker;
  const exact = [
    { propertyName: "hs_timestamp", operator: "EQ", value: String(search.at * 1000) },
    ...(search.subject === undefined
      ? []
      : [{ propertyName: "hs_task_subject", operator: "EQ", value: search.subject }]),
  ];

  return {
    filterGroups: [
      {
        filters: [{ propertyName: BODY_PROPERTY[type], operator: "CONTAINS_TOKEN", value: token }],
      },
      { filters: exact },
    ],
    // The SDK types sorts as strings; HubSpot reads {propertyName, direction} objects.
    sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" }] as unknown as string[],
    properties: [BODY_PROPERTY[type]],
    limit: MARKER_PAGE,
  } as unknown as SearchRequest;
}

/** The marker as a whole phrase: `csops task T-104` is not found in `csops task T-1042`. */
export function holdsMarker(body: string, marker: string): boolean {
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");

  return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(body);
}
