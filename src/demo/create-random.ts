/**
 * The demo's only source of randomness. Every value the generator writes comes from one of
 * these, seeded from the run's seed, so the same seed gives the same bytes on any machine.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Starts over from another seed; hot loops reuse one generator instead of making millions. */
  reseed(seed: number): void;
}

/** Mulberry32: 32 bits of state, fast, and plenty for invented data (not for cryptography). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    reseed: (newSeed) => {
      state = newSeed >>> 0;
    },
  };
}

/**
 * One 32-bit seed from several numbers (the run's seed, a stream, a customer, a day…), so each
 * customer's data can be drawn on its own, in any order, and still come out the same.
 */
export function mixSeed(...parts: number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x9e3779b1);
    hash = (hash << 13) | (hash >>> 19);
    // Numbers above 32 bits (a seed of 2^40) still count in full.
    hash = Math.imul(hash ^ Math.floor(part / 4294967296), 0x85ebca6b);
  }

  return finalize(hash);
}

/** `mixSeed(a, b)` for hot loops: two 32-bit numbers, no argument list to allocate. */
export function mixPair(a: number, b: number): number {
  return finalize(Math.imul((a ^ 0x811c9dc5) >>> 0, 0x9e3779b1) ^ Math.imul(b >>> 0, 0x85ebca6b));
}

/** Murmur3's finalizer: spreads every input bit over the whole output. */
function finalize(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;

  return hash >>> 0;
}
