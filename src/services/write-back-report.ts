/** What a HubSpot write-back did, as the run summary and `csops writeback` report it. */
export interface WriteBackReport {
  /** HubSpot tasks created (or found again by their marker after a lost answer). */
  tasksCreated: number;
  /** HubSpot tasks marked completed because their csops task closed. */
  tasksCompleted: number;
  /** Tasks and notes found without their company association, and associated. */
  associationsRepaired: number;
  /** Outcomes written as notes. */
  notes: number;
  /** Companies whose segment property was written. */
  segments: number;
  /** What could not be written, and why; the next write-back tries each again. */
  failed: WriteBackFailure[];
}

export interface WriteBackFailure {
  /** What it was about: `task T-1042`, `note on outcome 17`, `segment property cs_segment`. */
  item: string;
  /** Why, in words; never holds the token. */
  reason: string;
}

export function emptyWriteBackReport(): WriteBackReport {
  return {
    tasksCreated: 0,
    tasksCompleted: 0,
    associationsRepaired: 0,
    notes: 0,
    segments: 0,
    failed: [],
  };
}
