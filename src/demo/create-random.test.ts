import { describe, expect, it } from "vitest";

import { createRandom, mixSeed } from "./create-random.js";

describe("createRandom", () => {
  it("repeats itself for a seed, and differs for another", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);

    expect(draw(42)).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
  });

  it("draws integers over the whole range, both ends included", () => {
    const random = createRandom(1);
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(-2, 3)));

    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2, 3]);
  });

  it("starts over when reseeded", () => {
    const random = createRandom(5);
    const first = [random.next(), random.next()];
    random.reseed(5);

    expect([random.next(), random.next()]).toEqual(first);
  });
});

describe("mixSeed", () => {
  it("tells apart parts in another order and numbers above 32 bits", () => {
    expect(mixSeed(1, 2, 3)).not.toBe(mixSeed(3, 2, 1));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(1, 2 + 2 ** 32));
    expect(mixSeed(1, 2)).toBe(mixSeed(1, 2));
  });

  it("spreads neighbouring inputs over the 32 bits", () => {
    const values = Array.from({ length: 10_000 }, (_, index) => mixSeed(9, index));

    expect(new Set(values).size).toBe(10_000);
    expect(values.filter((value) => value >= 2 ** 31).length).toBeGreaterThan(4_700);
  });
});
