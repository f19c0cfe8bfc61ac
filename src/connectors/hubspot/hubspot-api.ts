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

  // The write-back's calls. Each failure throws a CsopsError (`source_unavailable`) whose
  // message says what could not be written and why, without the token.
  /** A company property's definition; undefined when the portal has no property of that name. */
  readCompanyProperty(name: string): Promise<HubspotProperty | undefined>;
  /** Creates a company property; `conflict` when one of that name exists already. */
  createCompanyProperty(property: HubspotProperty): Promise<"created" | "conflict">;
  /**
   * Writes property values to at most 100 companies in one call. The companies HubSpot could
   * not write (deleted there) are listed with the reason; a refused batch throws.
   */
  updateCompanies(updates: readonly CompanyUpdate[]): Promise<CompanyUpdateResult>;
  /** The types of association from tasks or notes to companies, as the portal defines them. */
  readAssociationTypes(from: EngagementType): Promise<HubspotAssociationType[]>;
  /** Creates a task associated with its company; never sent twice when it may have worked. */
  createTask(task: HubspotTaskInput): Promise<CreateResult>;
  /** Creates a note associated with its company; never sent twice when it may have worked. */
  createNote(note: HubspotNoteInput): Promise<CreateResult>;
  /**
   * The tasks or notes whose body holds the line `marker`, oldest first: how a create whose
   * answer was lost is found again. Search lags writes by a few seconds.
   */
  findByMarker(type: EngagementType, search: MarkerSearch): Promise<string[]>;
  /** The companies a task or note is associated with; undefined when it no longer exists. */
  readAssociatedCompanies(type: EngagementType, id: string): Promise<string[] | undefined>;
  associateWithCompany(
    type: EngagementType,
    id: string,
    companyId: string,
    association: HubspotAssociationType,
  ): Promise<void>;
  /** Marks a task completed; `gone` when it was deleted in HubSpot. */
  completeTask(id: string): Promise<"completed" | "gone">;
}

export type EngagementType = "tasks" | "notes";

/** An enumeration property (the segment), as csops defines and reads it. */
export interface HubspotProperty {
  name: string;
  label: string;
  groupName: string;
  type: string;
  options: { value: string; label: string }[];
}

export interface CompanyUpdate {
  companyId: string;
  properties: Record<string, string>;
}

export interface CompanyUpdateResult {
  updated: string[];
  failed: { companyId: string; reason: string }[];
}

/** `HUBSPOT_DEFINED` 192 for tasks to companies in most portals; read it, never assume it. */
export interface HubspotAssociationType {
  category: "HUBSPOT_DEFINED" | "USER_DEFINED" | "INTEGRATOR_DEFINED";
  typeId: number;
  /** Undefined for the unlabelled default association. */
  label?: string | undefined;
}

export interface HubspotTaskInput {
  subject: string;
  /** Plain text; holds the marker line. */
  body: string;
  /** Unix seconds. */
  dueAt: number;
  priority: "HIGH" | "MEDIUM" | "LOW";
  type: "CALL" | "EMAIL" | "TODO";
  ownerId?: string | undefined;
  companyId: string;
  association: HubspotAssociationType;
}

export interface HubspotNoteInput {
  /** Plain text; holds the marker line. */
  body: string;
  /** Unix seconds: when what the note records happened. */
  at: number;
  ownerId?: string | undefined;
  companyId: string;
  association: HubspotAssociationType;
}

/**
 * A create's result. `mayExist`: the request may have taken effect though no answer said so (a
 * timeout, a 5xx): look for it by its marker before creating it again. `code` says whether
 * HubSpot refused this request for what it held (`source_refused`) or is out of reach.
 */
export type CreateResult =
  | { id: string }
  | { failed: string; mayExist: boolean; code: "source_refused" | "source_unavailable" };

/** The marker line, and exact fields the object was created with, to find it without tokens. */
export interface MarkerSearch {
  marker: string;
  /** A task's subject and due time (Unix seconds), or a note's time. */
  subject?: string | undefined;
  at: number;
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
