import { compareIds, type Served } from "./hubspot-served-objects.js";

/** A CRM search request, as far as the fake reads it. */
export interface SearchRequest {
  filterGroups?: { filters?: { propertyName: string; operator: string; value?: string }[] }[];
  sorts?: (string | { propertyName: string; direction?: string })[];
  properties?: string[];
  limit?: number;
  after?: string;
}

export function matchesFilters(object: Served, request: SearchRequest): boolean {
  const groups = request.filterGroups ?? [];
  if (groups.length === 0) return true;

  return groups.some((group) =>
    (group.filters ?? []).every((filter) => {
      const have = comparable(object.properties[filter.propertyName]);
      const want = comparable(filter.value ?? null);
      if (have === undefined || want === undefined) return false;
      switch (filter.operator) {
        case "EQ":
          return have === want;
        case "NEQ":
          return have !== want;
        case "GT":
          return have > want;
        case "GTE":
          return have >= want;
        case "LT":
          return have < want;
        case "LTE":
          return have <= want;
        default:
          return false;
      }
    }),
  );
}

/** Numbers, ids and ISO times compare as numbers (times as epoch ms), as HubSpot filters them. */
function comparable(value: string | null | undefined): number | string | undefined {
  if (value === null || value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const time = Date.parse(value);

  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(time) ? time : value;
}

export function byRequestedSort(request: SearchRequest) {
  const sort = request.sorts?.[0];
  const property = typeof sort === "string" ? sort : (sort?.propertyName ?? "hs_object_id");
  const sign = typeof sort === "object" && sort.direction === "DESCENDING" ? -1 : 1;

  return (a: Served, b: Served) => {
    const left = comparable(a.properties[property]) ?? "";
    const right = comparable(b.properties[property]) ?? "";
    const order = left < right ? -1 : left > right ? 1 : compareIds(a.id, b.id);
    return sign * order;
  };
}
