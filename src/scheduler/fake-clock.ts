import type { Clock } from "./clock.js";

/**
 * Test support (used by the `*.test.ts` files beside it only): a clock that moves only when
 * told, firing the timers that fall due on the way, in order.
 */
export class FakeClock implements Clock {
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): () => void {
    const id = (this.nextId += 1);
    this.timers.push({ at: this.current + Math.max(0, delayMs), callback, id });
    return () => {
      this.timers = this.timers.filter((timer) => timer.id !== id);
    };
  }

  /** Pending timers. */
  get pending(): number {
    return this.timers.length;
  }

  /**
   * Moves time to `target`, firing each timer due on the way at its own instant and waiting
   * for `settle` (the work it started) before looking for the next.
   */
  async advanceTo(target: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer.id !== due.id);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await settle();
    }
    this.current = Math.max(this.current, target);
  }
}
