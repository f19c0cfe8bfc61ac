/**
 * The HubSpot calls csops makes, in its own words. The SDK's types stay behind this interface;
 * tests drive the real adapter against a fake server, and the sync reads only this.
 */
export interface HubspotApi {
  /** Every live (or every archived) object of a type, page by page, cursors followed to the end. */
  listObjects(
    type: HubspotObjectType,
    options: { properties: readonly string[]; archived: boolean },
  ): AsyncIterable<HubspotObject[]>;
  /**
   * Every object of a type last modified at or after `sinceMs` (epoch milliseconds), page by
   * page. The search endpoint stops at 10,000 results per query; the adapter splits the query
   * around that cap rather than losing what lies beyond it.
   */
  listModifiedObjects(
    type: HubspotObjectType,
    options: { properties: readonly string[]; sinceMs: number },
  ): AsyncIterable<HubspotObject[]>;
  /** Per ticket id, the ids of the companies it is associated with (none: absent or empty). */
  readTicketCompanies(ticketIds: readonly string[]): Promise<Map<string, string[]>>;
  listOwners(): AsyncIterable<HubspotOwner[]>;
}

export type HubspotObjectType = "companies" | "tickets";

/** A CRM object: its id (digits, kept as text) and the properties asked for, as HubSpot wrote them. */
export interface HubspotObject {
  id: string;
  /** Every value is text or null: numbers, booleans and dates included. */
  properties: Record<string, string | null | undefined>;
  archived: boolean;
}

/** An owner: `id` is what a company's `hubspot_owner_id` holds. */
export interface HubspotOwner {
  id: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
}
