import {
  BOOLEAN_FACTS,
  CATEGORY_FACTS,
  FACT_NAMES,
  NUMERIC_FACTS,
  type FactName,
  type Signals,
} from "./facts.js";

/**
 * One customer's signals as flat values, the form compiled conditions read: each fact is found
 * by a position fixed when the rules are compiled rather than by a key looked up per customer.
 * It holds what `Signals` holds; a fact is unknown when its bit in `known` is not set, and its
 * slot is then meaningless.
 */
export interface FactValues {
  /** Bit `factBit(fact)` is set for each known fact. */
  known: number;
  /** Each numeric fact's range, by its position in `NUMERIC_FACTS`. */
  min: number[];
  max: number[];
  /** By position in `BOOLEAN_FACTS`. */
  boolean: boolean[];
  /** By position in `CATEGORY_FACTS`. */
  category: string[];
}

/** The fact's bit in `FactValues.known`: its position in `FACT_NAMES`, so masks list in order. */
export function factBit(fact: FactName): number {
  return 1 << FACT_NAMES.indexOf(fact);
}

/** Values with every fact unknown, to be filled in. */
export function createFactValues(): FactValues {
  return {
    known: 0,
    min: [0, 0, 0, 0, 0, 0],
    max: [0, 0, 0, 0, 0, 0],
    boolean: [false],
    category: ["", ""],
  };
}

/** The same signals as flat values. */
export function factValuesOf(signals: Signals): FactValues {
  const values = createFactValues();
  NUMERIC_FACTS.forEach((fact, index) => {
    const range = signals.numeric[fact];
    if (range === undefined) return;
    values.known |= factBit(fact);
    values.min[index] = range.min;
    values.max[index] = range.max;
  });
  BOOLEAN_FACTS.forEach((fact, index) => {
    const known = signals.boolean[fact];
    if (known === undefined) return;
    values.known |= factBit(fact);
    values.boolean[index] = known;
  });
  CATEGORY_FACTS.forEach((fact, index) => {
    const known = signals.category[fact];
    if (known === undefined) return;
    values.known |= factBit(fact);
    values.category[index] = known;
  });

  return values;
}
