import { describe, expect, it } from "vitest";

import { safeNextPath } from "./safe-next-path.js";

describe("safeNextPath", () => {
  it.each([
    ["/customers/100002?tab=x", "/customers/100002?tab=x"],
    ["/", "/"],
    [undefined, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/a\nb", "/"],
    ["customers", "/"],
  ])("%j goes to %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
