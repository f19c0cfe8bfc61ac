import { describe, expect, it } from "vitest";

import { andAll, not, orAll, type Truth } from "./kleene.js";

const T = true;
const F = false;
const U = null;

describe("Kleene's three-valued logic", () => {
  // Each row: a, b, a and b, a or b, as Kleene's strong tables give them.
  const table: [Truth, Truth, Truth, Truth][] = [
    [T, T, T, T],
    [T, F, F, T],
    [T, U, U, T],
    [F, T, F, T],
    [F, F, F, F],
    [F, U, F, U],
    [U, T, U, T],
    [U, F, F, U],
    [U, U, U, U],
  ];

  it.each(table)("%s and/or %s", (a, b, and, or) => {
    expect(andAll([a, b])).toBe(and);
    expect(orAll([a, b])).toBe(or);
  });

  it.each([
    [T, F],
    [F, T],
    [U, U],
  ] as [Truth, Truth][])("not %s is %s", (value, negated) => {
    expect(not(value)).toBe(negated);
  });

  it("treats an empty conjunction as true and an empty disjunction as false", () => {
    expect(andAll([])).toBe(true);
    expect(orAll([])).toBe(false);
  });
});
