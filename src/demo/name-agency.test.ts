import { describe, expect, it } from "vitest";

import { AGENCY_TYPES, DISTRICTS, PLACES, SURNAMES, TOWNS } from "./demo-vocabulary.js";
import { MAX_AGENCIES, nameAgency } from "./name-agency.js";
import { nameUser } from "./name-user.js";

const slug = (label: string) =>
  label
    .toLowerCase()
    .replaceAll("&", "and")
    .replace(/[^a-z0-9]/g, "");

describe("nameAgency", () => {
  it("names agencies from combinable parts, with a domain that spells the name", () => {
    const names = Array.from({ length: 40 }, (_, index) => nameAgency(index, 1));

    for (const { name, domain } of names) {
      expect(domain).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+\.(co\.uk|com|uk)$/);
      const words = domain.replace(/\.(co\.uk|com|uk)$/, "").split("-");
      expect(slug(name)).toBe(words.join(""));
    }
    expect(names.some(({ name }) => name.includes(" & "))).toBe(true);
  });

  it("never repeats a name or a domain, past the point where branch towns are needed", () => {
    for (const seed of [1, 7]) {
      const names = new Set<string>();
      const domains = new Set<string>();
      for (let index = 0; index < 60_000; index += 1) {
        const agency = nameAgency(index, seed);
        names.add(agency.name);
        domains.add(agency.domain.replace(/\.(co\.uk|com|uk)$/, ""));
      }
      expect(names.size).toBe(60_000);
      expect(domains.size).toBe(60_000);
    }
  });

  it("names the last agency it can, and refuses the ones after", () => {
    expect(nameAgency(MAX_AGENCIES - 1, 1).name).toMatch(/ /);
    expect(MAX_AGENCIES).toBeGreaterThan(1_000_000);
    expect(() => nameAgency(MAX_AGENCIES + 1_000_000, 1)).toThrow(/at most/);
  });

  it("depends on the seed", () => {
    expect(nameAgency(3, 1).name).not.toBe(nameAgency(3, 2).name);
  });

  it("draws parts whose slugs are unique and shared by no other list", () => {
    const lists = [[...SURNAMES, ...PLACES], AGENCY_TYPES.map((type) => type.label), TOWNS];
    const all = lists.flatMap((list) => list.map(slug));

    expect(new Set(all).size).toBe(all.length);
    expect(AGENCY_TYPES.map((type) => type.slug)).toEqual(AGENCY_TYPES.map((t) => slug(t.label)));
    expect(new Set(DISTRICTS.map(slug)).size).toBe(DISTRICTS.length);
  });
});

describe("nameUser", () => {
  it("gives an agency's six users six different e-mail local parts", () => {
    for (let index = 0; index < 500; index += 1) {
      const parts = [0, 1, 2, 3, 4, 5].map((slot) => nameUser(1, index, slot).localPart);
      expect(new Set(parts).size).toBe(6);
      for (const part of parts) expect(part).toMatch(/^[a-z]+\.[a-z]+$/);
    }
  });
});
