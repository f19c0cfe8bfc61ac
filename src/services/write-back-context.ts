import type {
  EngagementType,
  HubspotApi,
  HubspotAssociationType,
} from "../connectors/hubspot/hubspot-api.js";
import { redactError, redactSecrets } from "../connectors/redact-secrets.js";
import type { CsPerson } from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { StoredOwner } from "../storage/hubspot-ledger.js";
import type { Store } from "../storage/store.js";
import type { WriteBackReport } from "./write-back-report.js";

/** What each step of the write-back works with. */
export interface WriteBackContext {
  store: Store;
  api: HubspotApi;
  logger: Logger;
  /** Unix seconds now: ledger times and how long a create has been pending. */
  now: () => number;
  /**
   * A create pending for less than this may still be in flight (another write-back retrying a
   * 429), and HubSpot's search may not show it yet: it is neither looked for nor sent again.
   */
  settleSeconds: number;
  /** The HubSpot owner id of a CS person, when known. */
  ownerIdOf(person: string | undefined): string | undefined;
  /** The association type from tasks or notes to companies, read from HubSpot once. */
  associationTypeOf(from: EngagementType): Promise<HubspotAssociationType>;
  report: WriteBackReport;
  /**
   * Records what could not be written and why, for the report and the log; returns why.
   * `alone` (or a CsopsError `source_refused`): a failure of this item only, HubSpot refusing
   * what it held, which says nothing about HubSpot being out of reach and does not count
   * towards stopping the write-back.
   */
  fail(item: string, error: unknown, options?: { alone?: boolean }): string;
  /** Called between writes: the daily run shows its lock is alive. */
  progress(): Promise<void>;
}

/** Why something failed, in words, without the token: a CsopsError says it; else it is a bug. */
export function describeFailure(error: unknown, secret: string, logger: Logger): string {
  if (error instanceof CsopsError) return error.message;
  if (typeof error === "string") return error;
  logger.error({ err: redactError(error, [secret]) }, "HubSpot write-back failed unexpectedly");
  const said = error instanceof Error ? error.message : String(error);

  return `failed unexpectedly: ${redactSecrets(said, [secret])}`;
}

/**
 * The association type to use: HubSpot's own unlabelled default (192 from tasks, 190 from
 * notes in most portals), else the first HubSpot defines. Read, never assumed: a wrong id is
 * answered 201 with no association (hubspot-api-nodejs#376).
 */
export function chooseAssociationType(
  from: EngagementType,
  types: readonly HubspotAssociationType[],
): HubspotAssociationType {
  const defined = types.filter((type) => type.category === "HUBSPOT_DEFINED");
  const chosen = defined.find((type) => type.label === undefined) ?? defined[0];
  if (chosen === undefined) {
    throw new CsopsError(
      "source_unavailable",
      `HubSpot defines no association from ${from} to companies in this portal`,
    );
  }

  return chosen;
}

/**
 * A CS person's HubSpot owner id: the one configured for them (`team.cs_people[].
 * hubspot_owner_id`), else the HubSpot owner with their e-mail or name (ignoring case and
 * spacing), as the last sync stored the owners. Unknown: the task is left unassigned in HubSpot.
 */
export function createOwnerDirectory(
  people: readonly CsPerson[],
  owners: readonly StoredOwner[],
): (person: string | undefined) => string | undefined {
  const normalize = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

  return (name) => {
    if (name === undefined) return undefined;
    const person = people.find((p) => normalize(p.name) === normalize(name));
    if (person?.hubspotOwnerId !== undefined) return person.hubspotOwnerId;
    const email = person?.email === undefined ? undefined : normalize(person.email);
    const byEmail = owners.find((o) => email !== undefined && normalize(o.email ?? "") === email);

    return (byEmail ?? owners.find((o) => normalize(o.name) === normalize(name)))?.ownerId;
  };
}
