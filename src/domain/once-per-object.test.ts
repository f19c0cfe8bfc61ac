import { describe, expect, it } from "vitest";

import { oncePerObject } from "./once-per-object.js";

describe("oncePerObject", () => {
  it("makes the value once per key object, and again for a copy", () => {
    const seen: object[] = [];
    const describe = oncePerObject((rules: { label: string }) => {
      seen.push(rules);
      return { text: `rules ${rules.label}` };
    });
    const rules = { label: "a" };

    const first = describe(rules);
    expect(describe(rules)).toBe(first);
    expect(seen).toEqual([rules]);

    const copy = { ...rules, label: "b" };
    expect(describe(copy)).toEqual({ text: "rules b" });
    expect(seen).toHaveLength(2);
  });
});
