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
      if (filter.operator === "CONTAINS_TOKEN") {
        return containsToken(object.properties[filter.propertyName], filter.value ?? "");
      }
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

/**
 * HubSpot's CONTAINS_TOKEN as the fake reads it: some word of the text (split on white space)
 * equals the value, ignoring case, where `*` in the value stands for any characters.
 */
function containsToken(text: string | null | undefined, value: string): boolean {
  if (text === null || text === undefined || value === "") return false;
  const escaped = value.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, "\\$&"));
  const pattern = new RegExp(`^${escaped.join(".*")}$`, "i");

  return text.split(/\s+/).some((word) => pattern.test(word));
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
