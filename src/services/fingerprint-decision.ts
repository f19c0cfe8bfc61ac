import { createHash } from "node:crypto";

import type { HistoryEntry } from "../storage/decision-history.js";

/**
 * What makes two history entries the same decision: the segment (engine's and shown), the
 * conditions that held, the facts that were unknown, what possibly applied, the raw facts and
 * their notes. The reasons' values are left out: they are the facts counted from the date
 * (days to renewal, days since the last login, account age), which move by one every day while
 * nothing about the customer changes, and the stored raw facts (dates) give them back for any
 * day. So a customer's history grows when its data or decision changes, not with every day.
 */
export function fingerprintDecision(entry: Omit<HistoryEntry, "fingerprint">): string {
  const content = {
    segment: entry.segment,
    shown: [entry.shownSegment, entry.resolvedBy ?? null, entry.resolvedOn ?? null],
    reasons: entry.reasons.map((reason) => reason.condition),
    unknown: entry.unknown.map((unknown) => unknown.fact),
    possibly: entry.possibly,
    facts: entry.facts,
    notes: entry.notes,
  };

  return createHash("sha256").update(stringifySorted(content)).digest("base64url").slice(0, 27);
}

/** JSON with object keys sorted and undefined values left out: the same content, the same text. */
function stringifySorted(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stringifySorted).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stringifySorted(inner)}`).join(",")}}`;
  }

  return JSON.stringify(value);
}
