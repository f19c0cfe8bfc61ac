/**
 * Kleene's three-valued logic: `null` is unknown. SQL's NULL follows the same rules, which is
 * what lets the rules be compiled to SQL later and give the same answers.
 */
export type Truth = boolean | null;

/** False if any is false, true if all are true, otherwise unknown. */
export function andAll(values: readonly Truth[]): Truth {
  if (values.includes(false)) return false;
  if (values.includes(null)) return null;

  return true;
}

/** True if any is true, false if all are false, otherwise unknown. */
export function orAll(values: readonly Truth[]): Truth {
  if (values.includes(true)) return true;
  if (values.includes(null)) return null;

  return false;
}

export function not(value: Truth): Truth {
  return value === null ? null : !value;
}
