import { CsopsError } from "../errors.js";
import { mixSeed } from "./create-random.js";
import { STREAM } from "./random-streams.js";
import { AGENCY_TYPES, DISTRICTS, PLACES, SURNAMES, TOWNS } from "./demo-vocabulary.js";

/** An invented agency: its name and the domain its people's e-mail addresses use. */
export interface AgencyName {
  name: string;
  /** Lower-case, without `www.`: the form joins compare. */
  domain: string;
}

interface Part {
  label: string;
  slug: string;
}

const toPart = (label: string): Part => ({
  label,
  slug: label.toLowerCase().replace(/[^a-z0-9]/g, ""),
});

const LEADS = [...SURNAMES, ...PLACES].map(toPart);
const PAIRED = SURNAMES.map(toPart);
const TOWN_PARTS = TOWNS.map(toPart);
const DISTRICT_PARTS = DISTRICTS.map(toPart);

/** Block 0 is the plain name; each other block adds a branch town, then a district of it. */
const BRANCHES = 1 + TOWN_PARTS.length * DISTRICT_PARTS.length;
const PLAIN_SIZE = LEADS.length * AGENCY_TYPES.length;
const PAIR_SIZE = PAIRED.length * (PAIRED.length - 1) * AGENCY_TYPES.length;
const PLAIN_STRIDE = strideFor(PLAIN_SIZE);
const PAIR_STRIDE = strideFor(PAIR_SIZE);

/** One agency in eight is named after two partners ("Hartley & Marsh Lettings"). */
const PAIR_EVERY = 8;

/** How many agencies can be named before names would repeat (a margin for the rounding). */
export const MAX_AGENCIES =
  Math.min(
    Math.floor((PLAIN_SIZE * BRANCHES * PAIR_EVERY) / (PAIR_EVERY - 1)),
    PAIR_SIZE * BRANCHES * PAIR_EVERY,
  ) - PAIR_EVERY;

/**
 * Names agency number `index` of a run. Different indexes always get different names and
 * domains: each index maps to its own combination of parts (a fixed stride through every
 * combination, starting where the seed says), and a domain spells out every part of the name.
 * Small runs use plain names only; branch towns appear once plain names run out.
 */
export function nameAgency(index: number, seed: number): AgencyName {
  const isPair = index % PAIR_EVERY === PAIR_EVERY - 1;
  const rank = isPair
    ? Math.floor(index / PAIR_EVERY)
    : index - Math.floor((index + 1) / PAIR_EVERY);
  const size = isPair ? PAIR_SIZE : PLAIN_SIZE;
  const block = Math.floor(rank / size);
  if (block >= BRANCHES) {
    throw new CsopsError("usage", `the demo can invent at most ${MAX_AGENCIES} agency names`);
  }

  const offset = mixSeed(seed, isPair ? STREAM.pairNames : STREAM.plainNames, block) % size;
  const combination = ((rank % size) * (isPair ? PAIR_STRIDE : PLAIN_STRIDE) + offset) % size;
  const type = AGENCY_TYPES[combination % AGENCY_TYPES.length] as Part;
  // "Hartley & Marsh" is written hartley-and-marsh in the domain, as agencies do.
  const leads = isPair
    ? pairOf(Math.floor(combination / AGENCY_TYPES.length))
    : [LEADS[Math.floor(combination / AGENCY_TYPES.length)] as Part];
  const parts = [...leads, type, ...branchOf(block)];

  return {
    name: parts.map((part) => part.label).join(" "),
    domain: `${parts.map((part) => part.slug).join("-")}${topLevelDomainOf(index, seed)}`,
  };
}

function pairOf(pairIndex: number): Part[] {
  const first = Math.floor(pairIndex / (PAIRED.length - 1));
  const other = pairIndex % (PAIRED.length - 1);
  const second = other >= first ? other + 1 : other;

  return [PAIRED[first] as Part, { label: "&", slug: "and" }, PAIRED[second] as Part];
}

function branchOf(block: number): Part[] {
  if (block === 0) return [];

  const town = TOWN_PARTS[(block - 1) % TOWN_PARTS.length] as Part;
  const district = DISTRICT_PARTS[Math.floor((block - 1) / TOWN_PARTS.length)] as Part;

  return district.slug === "" ? [town] : [town, district];
}

/** Mostly UK agencies: `.co.uk`, some `.com`, a few `.uk`. */
function topLevelDomainOf(index: number, seed: number): string {
  const draw = mixSeed(seed, STREAM.topLevelDomain, index) % 10;
  if (draw < 7) return ".co.uk";

  return draw < 9 ? ".com" : ".uk";
}

/** A step through `size` combinations that visits each once: coprime with `size`. */
function strideFor(size: number): number {
  let stride = Math.floor(size * 0.618) | 1;
  while (greatestCommonDivisor(stride, size) !== 1) stride += 2;

  return stride;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
