import { defineCommand } from "citty";

import type { JoinReport, SourceJoinReport } from "../domain/join-report.js";
import { buildCustomerFacts } from "../services/build-customer-facts.js";
import { resolveDateOrFail } from "./as-of-arg.js";
import { CONTEXT_ARGS, withCommandContext } from "./command-context.js";

/** Records listed per section; `--json` has them all. */
const SHOWN = 25;

export default defineCommand({
  meta: {
    name: "join-report",
    description: "List Stripe and Matomo records that match no customer or several",
  },
  args: {
    "as-of": {
      type: "string",
      description: "date whose usage window counts visits (default: today)",
    },
    json: { type: "boolean", description: "print the whole report as JSON", default: false },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    const { report, preset } = await withCommandContext(args, async ({ store, config, rules }) => {
      const asOf = resolveDateOrFail(args["as-of"], config.time_zone, "--as-of");
      const { join } = await buildCustomerFacts(store, config, rules, asOf);
      return { report: join.report, preset: config.sources.preset };
    });

    if (args.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    if (preset === "hubspot_only") {
      process.stdout.write(
        "sources.preset is hubspot_only: every fact comes from the HubSpot company export, " +
          "so there is nothing to join.\n",
      );
      return;
    }
    process.stdout.write(`${formatJoinReport(report).join("\n")}\n`);
  },
});

function formatJoinReport(report: JoinReport): string[] {
  const visits = report.unattributedVisits;
  const share = visits.share === undefined ? "n/a" : `${(visits.share * 100).toFixed(1)}%`;

  return [
    ...formatSource("Stripe customers", report.stripe),
    ...report.stripe.conflicts.map(
      (c) =>
        `  conflict: ${c.customerId} names company ${c.companyId} in its metadata, ` +
        `but ${c.alsoStoredOn.join(", ")} store its id (the metadata wins)`,
    ),
    ...formatSource("Matomo user ids", report.matomo),
    "",
    `Customers without a Stripe match: ${report.companiesWithoutStripe.length}`,
    ...listed(
      report.companiesWithoutStripe.map((c) => `${c.companyId} ${c.name}${noteOf(c.note)}`),
    ),
    `Customers without a Matomo match: ${report.companiesWithoutMatomo.length}`,
    ...listed(
      report.companiesWithoutMatomo.map((c) => `${c.companyId} ${c.name}${noteOf(c.note)}`),
    ),
    "",
    `Unattributed visits (no user id) in the usage window: ${visits.count} of ${visits.total} (${share})`,
  ];
}

function formatSource(title: string, source: SourceJoinReport): string[] {
  const matched = Object.entries(source.matchedBy)
    .map(([key, count]) => `${count} by ${key.replaceAll("_", " ")}`)
    .join(", ");

  return [
    "",
    `${title}: ${source.records}; matched ${matched || "none"}`,
    `  matching no customer: ${source.unmatched.length}`,
    ...listed(
      source.unmatched.map((u) => `${u.id}: ${u.message}`),
      "    ",
    ),
    `  matching several customers (not used): ${source.ambiguous.length}`,
    ...listed(
      source.ambiguous.map((a) => `${a.id}: ${a.companyIds.join(", ")} by ${a.via}`),
      "    ",
    ),
  ];
}

function listed(lines: string[], indent = "  "): string[] {
  const shown = lines.slice(0, SHOWN).map((line) => `${indent}${line}`);
  if (lines.length > SHOWN)
    shown.push(`${indent}… ${lines.length - SHOWN} more (--json lists all)`);

  return shown;
}

function noteOf(note: string | undefined): string {
  return note === undefined ? "" : ` (${note})`;
}
