import { describe, expect, it } from "vitest";

import { createSignInThrottle } from "./sign-in-throttle.js";

const T0 = 1_796_288_400;

describe("createSignInThrottle", () => {
  it("lets nine failures through, makes the tenth wait until the window moves on", () => {
    const throttle = createSignInThrottle();
    for (let i = 0; i < 9; i += 1) throttle.recordFailure("a@x.example", T0 + i);
    expect(throttle.waitFor("a@x.example", T0 + 10)).toBe(0);

    throttle.recordFailure("a@x.example", T0 + 10);
    expect(throttle.waitFor("a@x.example", T0 + 11)).toBe(15 * 60 - 11);
    expect(throttle.waitFor("b@x.example", T0 + 11)).toBe(0);
    // The first failure leaves the 15-minute window: one more try.
    expect(throttle.waitFor("a@x.example", T0 + 15 * 60)).toBe(0);
  });

  it("forgets an address's failures once it signs in", () => {
    const throttle = createSignInThrottle();
    for (let i = 0; i < 10; i += 1) throttle.recordFailure("a@x.example", T0);
    throttle.recordSuccess("a@x.example");

    expect(throttle.waitFor("a@x.example", T0 + 1)).toBe(0);
  });
});
