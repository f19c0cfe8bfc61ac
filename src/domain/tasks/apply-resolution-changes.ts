import type { Resolution } from "./task.js";
import type { TaskChange } from "./task-change.js";

/** Applies the `forget_signals` changes aimed at a resolution; returns it unchanged otherwise. */
export function applyResolutionChanges(
  resolution: Resolution | undefined,
  changes: readonly TaskChange[],
): Resolution | undefined {
  if (resolution === undefined) return undefined;

  const forgotten = new Set(
    changes.flatMap((change) =>
      change.type === "forget_signals" &&
      change.target.kind === "resolution" &&
      change.target.resolvedOn === resolution.resolvedOn
        ? change.keys
        : [],
    ),
  );
  if (forgotten.size === 0) return resolution;

  return { ...resolution, signals: resolution.signals.filter((s) => !forgotten.has(s.key)) };
}
