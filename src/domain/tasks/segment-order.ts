import type { Bucket, Rules, SegmentId } from "../rules.js";

/** Whether `a` comes before `b` in the configured precedence (a segment not listed comes last). */
export function precedes(a: SegmentId, b: SegmentId, rules: Rules): boolean {
  return rankOf(a, rules) < rankOf(b, rules);
}

/** 1 for the first segment in precedence order: the task's priority and the queue's first key. */
export function priorityOf(segment: SegmentId, rules: Rules): number {
  return rankOf(segment, rules) + 1;
}

/** Whether customers in `bucket` get an alert: a segment with a due in hours or days. */
export function isAlertSegment(bucket: Bucket, rules: Rules): bucket is SegmentId {
  return isSegment(bucket) && !("every" in rules.segments[bucket].due);
}

/** Whether customers in `bucket` get a quarterly check-in instead (Healthy & Stable). */
export function isCheckInSegment(bucket: Bucket, rules: Rules): bucket is SegmentId {
  return isSegment(bucket) && "every" in rules.segments[bucket].due;
}

function isSegment(bucket: Bucket): bucket is SegmentId {
  return bucket !== "data_gap" && bucket !== "none";
}

function rankOf(segment: SegmentId, rules: Rules): number {
  const index = rules.precedence.indexOf(segment);

  return index === -1 ? rules.precedence.length : index;
}
