import { BUCKET_LABELS } from "../../domain/decide-segment.js";
import type { Bucket, Rules } from "../../domain/rules.js";

/** A segment's or bucket's label as the rules name it. */
export function labelOfBucket(bucket: Bucket, rules: Rules): string {
  return bucket === "data_gap" || bucket === "none"
    ? BUCKET_LABELS[bucket]
    : rules.segments[bucket].label;
}

/** A segment as a coloured label; the colour repeats what the text says, never replaces it. */
export function SegmentBadge(props: { bucket: Bucket | undefined; rules: Rules }) {
  if (props.bucket === undefined) return <span class="seg seg-unevaluated">Not evaluated</span>;

  return <span class={`seg seg-${props.bucket}`}>{labelOfBucket(props.bucket, props.rules)}</span>;
}
