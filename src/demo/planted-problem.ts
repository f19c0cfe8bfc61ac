/** A malformed value the demo wrote on purpose, where to find it, and the accident it imitates. */
export interface PlantedProblem {
  /** The file's name inside the output folder. */
  file: string;
  /** 1-based, the header being line 1. */
  line: number;
  column: string;
  value: string;
  reason: string;
}
