/**
 * `make` as a function that computes its result once per key object and then returns the same
 * result for it: for rules and conditions, which are configuration, read for every customer and
 * never changed once used. A changed copy is a new key; a key changed in place is not seen.
 */
export function oncePerObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();

  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }

    return value;
  };
}
