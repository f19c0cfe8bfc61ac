import { readFileSync } from "node:fs";

export interface SegmentComparison {
  customers: number;
  /** Customers both gave a segment but not the same one, or only one of them knew. */
  differences: number;
  examples: string[];
}

const EXAMPLES = 5;

/** Compares two `customer_id<TAB>segment` files customer by customer. */
export function compareSegments(csopsFile: string, peerFile: string): SegmentComparison {
  const csops = readSegments(csopsFile);
  const peer = readSegments(peerFile);
  const examples: string[] = [];
  let differences = 0;

  for (const id of new Set([...csops.keys(), ...peer.keys()])) {
    const ours = csops.get(id) ?? "(missing)";
    const theirs = peer.get(id) ?? "(missing)";
    if (ours === theirs) continue;
    differences += 1;
    if (examples.length < EXAMPLES) examples.push(`${id}: csops ${ours}, DuckDB ${theirs}`);
  }

  return { customers: csops.size, differences, examples };
}

function readSegments(file: string): Map<string, string> {
  const segments = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [id, segment] = line.split("\t");
    if (id && segment) segments.set(id, segment);
  }

  return segments;
}
