/** Segment ids of alerts, `follow_up` or `check_in`. */
export type QueueSegment = string;

/**
 * Which part of the queue a person looks at: whose tasks (`all`, or a CS person's name) and
 * which segment or kind. Carried from the queue to a task and on to the next one, so "save and
 * open the next task" stays in the same list.
 */
export interface QueueFilter {
  owner?: string | undefined;
  segment?: QueueSegment | undefined;
  /** `path` with this filter as its query string. */
  href(path: string): string;
  with(changes: { owner?: string | undefined; segment?: QueueSegment | undefined }): QueueFilter;
}

export function createQueueFilter(values: {
  owner?: string | undefined;
  segment?: QueueSegment | undefined;
}): QueueFilter {
  const owner = blankToUndefined(values.owner);
  const segment = blankToUndefined(values.segment);

  return {
    owner,
    segment,
    href(path) {
      const query = new URLSearchParams();
      if (owner !== undefined) query.set("owner", owner);
      if (segment !== undefined) query.set("segment", segment);
      const text = query.toString();
      return text === "" ? path : `${path}?${text}`;
    },
    with(changes) {
      return createQueueFilter({ owner, segment, ...changes });
    },
  };
}

function blankToUndefined(text: string | undefined): string | undefined {
  const trimmed = text?.trim();

  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
