import type { CalendarDate } from "../dates.js";
import type { Decision } from "../decide-segment.js";
import type { Bucket, SegmentId } from "../rules.js";
import type { Resolution, Task, TaskSettings } from "./task.js";
import { isCoolingDown } from "./track-acknowledgements.js";

/** The segment the team sees for a customer, and who resolved it when a person did. */
export interface ShownSegment {
  segment: Bucket;
  resolvedBy?: string | undefined;
  resolvedOn?: CalendarDate | undefined;
}

/**
 * A customer marked resolved shows as Healthy & Stable (with who resolved it and when) for the
 * cool-down, unless it has an open alert: the run alerted again (a new signal or a higher
 * segment), or an escalation raised beside a follow-up is still open. Call it after the run's
 * changes are applied, with the customer's open alert.
 */
export function chooseShownSegment(
  decision: Decision,
  resolution: Resolution | undefined,
  openAlert: Task | undefined,
  today: CalendarDate,
  settings: TaskSettings,
  healthySegment: SegmentId = "healthy_stable",
): ShownSegment {
  if (resolution === undefined) return { segment: decision.segment };

  const quiet = isCoolingDown(resolution.resolvedOn, today, settings) && openAlert === undefined;
  if (!quiet) return { segment: decision.segment };

  return {
    segment: healthySegment,
    resolvedBy: resolution.resolvedBy,
    resolvedOn: resolution.resolvedOn,
  };
}
