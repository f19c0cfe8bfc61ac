import Table from "cli-table3";
import pc from "picocolors";

import type { Decision } from "../domain/decide-segment.js";
import type { Bucket, Due, Rules } from "../domain/rules.js";

/** Decisions as a readable report: one table per segment in precedence order, with counts. */
export function formatDecisionsTable(decisions: Decision[], rules: Rules, asOf: string): string {
  const order: Bucket[] = [...rules.precedence, "data_gap", "none"];
  const groups = order
    .map((bucket) => ({
      bucket,
      members: decisions.filter((d) => d.segment === bucket),
    }))
    .filter((group) => group.members.length > 0);

  const summary = groups.map((g) => `${g.members.length} ${g.members[0]?.label}`).join(", ");
  const lines = [pc.bold(`${decisions.length} customers as of ${asOf}: ${summary || "none"}`)];
  for (const { members } of groups) {
    lines.push("", formatGroup(members, rules));
  }

  return lines.join("\n");
}

function formatGroup(members: Decision[], rules: Rules): string {
  const first = members[0] as Decision;
  const action = first.action === null ? "" : ` — ${first.action}, ${describeDue(first.due)}`;
  const heading = pc.bold(`${first.label} (${members.length})${action}`);
  // A data gap is worked by fixing the data, so its table names each missing fact's source.
  const isGap = first.segment === "data_gap";
  const table = new Table({
    head: ["customer", "name", isGap ? "could be" : "reasons", isGap ? "missing, from" : "unknown"],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: isGap ? [14, 24, 44, 44] : [14, 28, 52, 30],
  });
  for (const decision of members) {
    table.push([
      decision.customerId,
      decision.name,
      isGap ? describePossible(decision, rules) : describeReasons(decision, rules),
      isGap
        ? decision.unknown.map((u) => `${u.fact}: ${u.source}`).join("\n")
        : decision.unknown.map((u) => u.fact).join(", "),
    ]);
  }

  return `${heading}\n${table.toString()}`;
}

function describeReasons(decision: Decision, rules: Rules): string {
  const held = decision.reasons.map((reason) => reason.text);
  const possibly = decision.possibly.map(
    (p) => `possibly ${rules.segments[p.segment].label} (needs ${p.missing.join(", ")})`,
  );

  return [...held, ...possibly].join("\n");
}

function describePossible(decision: Decision, rules: Rules): string {
  return decision.possibly
    .map((p) => `${rules.segments[p.segment].label}: needs ${p.missing.join(", ")}`)
    .join("\n");
}

export function describeDue(due: Due | null): string {
  if (due === null) return "no task";
  if ("hours" in due) return `within ${due.hours} hours`;
  if ("days" in due) return `within ${due.days} days`;

  return "once a quarter";
}
