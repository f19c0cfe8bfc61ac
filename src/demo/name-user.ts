import { mixSeed } from "./create-random.js";
import { FIRST_NAMES, SURNAMES } from "./demo-vocabulary.js";
import { STREAM } from "./random-streams.js";

/** One of an agency's people: the name, and the e-mail local part built from it. */
export interface UserName {
  first: string;
  last: string;
  /** `jane.doe`: add `@domain` for the work address Matomo's user id carries. */
  localPart: string;
}

/**
 * Names user `slot` (0 to 5) of agency `index` without drawing the others first: the visits
 * writer needs one user of one agency at a time, millions of times. Steps that share no factor
 * with the lists' lengths give an agency's users different first names, hence different e-mails.
 */
export function nameUser(seed: number, index: number, slot: number): UserName {
  const hash = userHashOf(seed, index);
  const first = (hash + slot * 7) % FIRST_NAMES.length;
  const last = ((hash >>> 8) + slot * 11) % SURNAMES.length;

  return {
    first: FIRST_NAMES[first] as string,
    last: SURNAMES[last] as string,
    localPart: `${FIRST_SLUGS[first]}.${LAST_SLUGS[last]}`,
  };
}

/** The number an agency's user names come from; keep it to name users without redrawing. */
export function userHashOf(seed: number, index: number): number {
  return mixSeed(seed, STREAM.users, index);
}

/** `nameUser(…).localPart` from the agency's user hash, for hot loops. */
export function userLocalPartOf(hash: number, slot: number): string {
  return `${FIRST_SLUGS[(hash + slot * 7) % FIRST_NAMES.length]}.${LAST_SLUGS[((hash >>> 8) + slot * 11) % SURNAMES.length]}`;
}

const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");
const FIRST_SLUGS = FIRST_NAMES.map(slugOf);
const LAST_SLUGS = SURNAMES.map(slugOf);
