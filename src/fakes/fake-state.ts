import type { FakeBusiness } from "./fake-business.js";

export type FakeVendor = "hubspot" | "stripe" | "matomo";

/** Which secrets each fake accepts, and what each may read. */
export interface FakeCredentials {
  /** Access token → its scopes (`crm.objects.companies.read`, `tickets`, `crm.objects.owners.read`). */
  hubspot: Record<string, readonly string[]>;
  /** API key → the resources it may read (`customers`, `subscriptions`, `invoices`). */
  stripe: Record<string, readonly string[]>;
  /** token_auth values with view access to the site. */
  matomo: readonly string[];
}

/** Every scope or permission a full sync needs, for tokens that should just work. */
export const FULL_ACCESS = {
  hubspot: ["crm.objects.companies.read", "tickets", "crm.objects.owners.read"],
  stripe: ["customers", "subscriptions", "invoices"],
} as const;

/**
 * The scopes the HubSpot write-back needs on top of the sync's: read and create the segment
 * property, write companies, and (as HubSpot's tasks and notes APIs list them) the contacts
 * scopes for tasks and notes.
 */
export const WRITE_BACK_SCOPES = [
  "crm.schemas.companies.read",
  "crm.schemas.companies.write",
  "crm.objects.companies.write",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
] as const;

/** How the fakes bend the rules the way real servers do, for tests of the connectors. */
export interface FakeBehaviour {
  /** HubSpot search: results per query before paging is refused (HubSpot: 10,000). */
  searchResultCap: number;
  /** HubSpot v4 associations: companies per ticket in one answer; the rest is paged. */
  associationPageSize: number;
  /** Stripe: the account's default API version, used when a request names none. */
  stripeDefaultVersion: string;
  /**
   * Matomo: hide every n-th visit after the page is cut, as a segment applied after the limit
   * does (matomo-org/matomo#7784): pages come back short though more follow.
   */
  matomoHiddenEvery?: number | undefined;
  /** Matomo: start each page after the first one visit early, repeating it across pages. */
  matomoOverlappingPages?: boolean | undefined;
  /**
   * HubSpot: the association type ids from tasks and notes to companies that this portal
   * accepts (HubSpot's defaults: 192 and 190). A create naming another id still answers 201,
   * without the association (HubSpot/hubspot-api-nodejs#376).
   */
  associationTypeIds: { tasks: number; notes: number };
  /** HubSpot: the next this many task or note creates lose their associations all the same. */
  dropNextAssociations?: number | undefined;
}

export const DEFAULT_BEHAVIOUR: FakeBehaviour = {
  searchResultCap: 10_000,
  associationPageSize: 500,
  stripeDefaultVersion: "2024-06-20",
  associationTypeIds: { tasks: 192, notes: 190 },
};

/** One request a fake received, without its credentials. */
export interface FakeRequest {
  vendor: FakeVendor;
  method: string;
  /** Path and query string, exactly as requested. */
  url: string;
  /** Matomo's form fields and HubSpot's search bodies, `token_auth` removed. */
  body?: Record<string, unknown> | undefined;
  status: number;
}

/** A scripted misbehaviour: the next `times` matching requests get it instead of an answer. */
export interface FakeFault {
  vendor: FakeVendor;
  /** Which requests; default every request to the vendor. */
  matches?: ((request: { url: string; body?: Record<string, unknown> }) => boolean) | undefined;
  times?: number | undefined;
  /** Answer with this: a 429 with Retry-After, a 500, an error in a 200. */
  status?: number | undefined;
  headers?: Record<string, string> | undefined;
  body?: unknown;
  /** Or hold the real answer this long first (a client with a shorter timeout gives up). */
  delayMs?: number | undefined;
  /**
   * Or do the work, then hold the answer this long: a create that took effect although the
   * client timed out waiting for it.
   */
  delayAfterMs?: number | undefined;
}

/** Everything the fake servers share: mutable, so tests can change it between calls. */
export interface FakeState {
  business: FakeBusiness;
  credentials: FakeCredentials;
  behaviour: FakeBehaviour;
  faults: FakeFault[];
  requests: FakeRequest[];
  /** What was written into the fake HubSpot. */
  hubspot: FakeHubspotWrites;
}

/** What the HubSpot write-back left in the fake: what a person would see in HubSpot. */
export interface FakeHubspotWrites {
  /** Company properties created through the API, by name. */
  companyProperties: Map<string, FakeProperty>;
  /** Property values written to companies, by company id. */
  companyValues: Map<string, Record<string, string>>;
  tasks: FakeEngagement[];
  notes: FakeEngagement[];
  /** The id the next task or note gets. */
  nextId: number;
}

/** A property definition as created (`POST /crm/v3/properties/companies`). */
export interface FakeProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  options: { label: string; value: string; displayOrder?: number | undefined }[];
}

/** A task or note: its properties as sent, and the companies it is associated with. */
export interface FakeEngagement {
  id: string;
  properties: Record<string, string>;
  associations: { companyId: string; typeId: number }[];
}

export function createEmptyHubspotWrites(): FakeHubspotWrites {
  return {
    companyProperties: new Map(),
    companyValues: new Map(),
    tasks: [],
    notes: [],
    nextId: 70_000_000_001,
  };
}

/** The first fault that matches, counted down; undefined when none does. */
export function takeFault(
  state: FakeState,
  vendor: FakeVendor,
  request: { url: string; body?: Record<string, unknown> },
): FakeFault | undefined {
  const index = state.faults.findIndex(
    (fault) => fault.vendor === vendor && (fault.matches?.(request) ?? true),
  );
  const fault = state.faults[index];
  if (fault === undefined) return undefined;
  const times = (fault.times ?? 1) - 1;
  if (times <= 0) state.faults.splice(index, 1);
  else fault.times = times;

  return fault;
}
