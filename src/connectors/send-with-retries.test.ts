import { describe, expect, it } from "vitest";

import { createVirtualClock } from "../fakes/fake-test-kit.js";
import { parseRetryAfter, sendWithRetries, type RetryReason } from "./send-with-retries.js";

const settings = { maxAttempts: 4, backoffMs: 100, maxBackoffMs: 250, maxRetryAfterMs: 5000 };

/** A request that answers each try with the next of `answers`: a status, or a thrown error. */
function scripted(answers: (number | Error)[]) {
  let tries = 0;
  return {
    send: async () => {
      const answer = answers[tries++] ?? 200;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    tries: () => tries,
  };
}

function reasonOf(outcome: { value: number } | { error: unknown }): RetryReason | undefined {
  if ("error" in outcome) return { kind: "timeout" };
  if (outcome.value === 429) return { kind: "rate_limited", retryAfterMs: 3000 };
  if (outcome.value === 430) return { kind: "rate_limited", retryAfterMs: 60_000 };
  if (outcome.value === 431) return { kind: "rate_limited" };
  return outcome.value >= 500 ? { kind: "server_error", status: outcome.value } : undefined;
}

describe("sendWithRetries", () => {
  it("backs off exponentially up to the cap, then answers", async () => {
    const clock = createVirtualClock();
    const request = scripted([500, new Error("timeout"), 503, 200]);

    const attempted = await sendWithRetries(request.send, { settings, clock, reasonOf });

    expect(attempted).toEqual({ value: 200, attempts: 4, unresolved: undefined });
    expect(clock.waits).toEqual([100, 200, 250]);
  });

  it("waits what Retry-After asks; backs off when a 429 names no wait", async () => {
    const clock = createVirtualClock();

    await sendWithRetries(scripted([429, 431, 200]).send, { settings, clock, reasonOf });

    expect(clock.waits).toEqual([3000, 200]);
  });

  it("gives up at once on a 429 asking longer than allowed, saying so", async () => {
    const clock = createVirtualClock();
    const request = scripted([430, 200]);

    const attempted = await sendWithRetries(request.send, { settings, clock, reasonOf });

    expect(attempted).toEqual({
      value: 430,
      attempts: 1,
      unresolved: { kind: "rate_limited", retryAfterMs: 60_000 },
    });
    expect(request.tries()).toBe(1);
  });

  it("stops after the last attempt, returning the last failure as it came", async () => {
    const clock = createVirtualClock();
    const attempted = await sendWithRetries(scripted([502, 502, 502, 502, 200]).send, {
      settings,
      clock,
      reasonOf,
    });

    expect(attempted).toMatchObject({ value: 502, attempts: 4, unresolved: { status: 502 } });
  });

  it("returns an answer that deserves no retry at once, releasing dropped answers", async () => {
    const dropped: number[] = [];
    const attempted = await sendWithRetries(scripted([500, 404]).send, {
      settings,
      clock: createVirtualClock(),
      reasonOf,
      discard: (value) => dropped.push(value),
    });

    expect(attempted).toEqual({ value: 404, attempts: 2, unresolved: undefined });
    expect(dropped).toEqual([500]);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 11, 3, 9, 0, 0);

  it.each([
    ["120", 120_000],
    [" 2 ", 2000],
    ["0.5", 500],
    ["Thu, 03 Dec 2026 09:00:30 GMT", 30_000],
    ["Thu, 03 Dec 2026 08:59:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("reads %j as %j ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
