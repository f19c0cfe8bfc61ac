/**
 * A full garbage collection before a stage is timed, so that no stage pays for the garbage the
 * one before it left. The benchmark's children run with `--expose-gc`; elsewhere it does nothing.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
