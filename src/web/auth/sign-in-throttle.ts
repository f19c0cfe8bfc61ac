/** Failed sign-ins allowed per e-mail address in a window, before it must wait. */
const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

export interface SignInThrottle {
  /** Seconds to wait before `email` may try again; 0 when it may try now. */
  waitFor(email: string, now: number): number;
  recordFailure(email: string, now: number): void;
  recordSuccess(email: string): void;
}

/**
 * Slows password guessing on one address: after ten failures in fifteen minutes, that address
 * waits until the oldest failure leaves the window. Kept in memory: one server process serves
 * the team, and a restart forgetting the count costs an attacker a restart of ours.
 */
export function createSignInThrottle(): SignInThrottle {
  const failures = new Map<string, number[]>();
  const recent = (email: string, now: number) =>
    (failures.get(email) ?? []).filter((at) => at > now - WINDOW_SECONDS);

  return {
    waitFor(email, now) {
      const times = recent(email, now);
      failures.set(email, times);
      if (times.length < MAX_FAILURES) return 0;

      return (times[0] ?? now) + WINDOW_SECONDS - now;
    },
    recordFailure(email, now) {
      failures.set(email, [...recent(email, now), now]);
    },
    recordSuccess(email) {
      failures.delete(email);
    },
  };
}
