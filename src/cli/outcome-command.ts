import { defineCommand } from "citty";

import type { Config } from "../config/config-schema.js";
import { addDays } from "../domain/add-days.js";
import { dateInZone } from "../domain/date-in-zone.js";
import type { OutcomeContact, OutcomeIssue, OutcomeResult } from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import { logOutcome, type LoggedOutcome } from "../services/log-outcome.js";
import { createOutcomeWriteBack } from "../services/write-back-after-outcome.js";
import {
  CONTEXT_ARGS,
  nowInSeconds,
  withCommandContext,
  type CommandContext,
} from "./command-context.js";
import { formatWriteBack } from "./format-run-extras.js";
import { formatDueTime } from "../wording/format-days.js";

export default defineCommand({
  meta: {
    name: "outcome",
    description: "Log what happened on a task: contact, issue, result, and a note",
  },
  args: {
    task: { type: "positional", description: "task id, e.g. T-1042", required: true },
    contact: {
      type: "string",
      description: "what happened: reached, voicemail or email-sent",
      required: true,
    },
    issue: {
      type: "string",
      description: "what the issue was: payment, usage, technical or none",
      required: true,
    },
    result: {
      type: "string",
      description: "what was done: resolved, follow-up (with --follow-up) or will-cancel",
      required: true,
    },
    "follow-up": { type: "string", description: "follow-up date, YYYY-MM-DD, after today" },
    note: { type: "string", description: "a note for whoever looks next", default: "" },
    by: {
      type: "string",
      description: "who logs it, a configured CS person (default: $CSOPS_USER)",
    },
    ...CONTEXT_ARGS,
  },
  async run({ args }) {
    await withCommandContext(args, async (context) => {
      const logged = await logOutcomeOrUsage(
        {
          taskId: args.task,
          contact: normalizeChoice(args.contact) as OutcomeContact,
          issue: normalizeChoice(args.issue) as OutcomeIssue,
          result: normalizeChoice(args.result) as OutcomeResult,
          followUpOn: args["follow-up"],
          note: args.note,
          loggedBy: findLoggerOrFail(args.by ?? process.env.CSOPS_USER, context.config),
        },
        { ...context, now: nowInSeconds },
      );
      process.stdout.write(formatLogged(logged, context.config));
      await writeBackNow(context);
    });
  },
});

/**
 * The service checks the choices; here they came from flags, so a bad one is a usage error
 * (exit 2), worded with the flags' spelling (`email-sent`, not `email_sent`).
 */
async function logOutcomeOrUsage(
  ...[request, deps]: Parameters<typeof logOutcome>
): Promise<LoggedOutcome> {
  try {
    return await logOutcome(request, deps);
  } catch (error) {
    if (!(error instanceof CsopsError) || error.code !== "outcome_invalid") throw error;
    const message = error.message.replace(/\b(email|follow|will)_(sent|up|cancel)\b/g, "$1-$2");
    throw new CsopsError("usage", message);
  }
}

/**
 * With the HubSpot write-back on, the task is completed there and the note written before the
 * command ends; what fails is said, and the next write-back tries it again (the outcome is saved
 * either way, so the exit code stays 0).
 */
async function writeBackNow(context: CommandContext): Promise<void> {
  const writeBack = createOutcomeWriteBack({
    ...context,
    env: process.env,
    now: nowInSeconds,
    today: () => dateInZone(nowInSeconds(), context.config.time_zone),
    onReport: (report) => {
      process.stdout.write(`${formatWriteBack(report, "HubSpot: ").join("\n")}\n`);
    },
  });
  writeBack?.request();
  await writeBack?.settled();
}

/** `email-sent`, `Follow-Up` and `will_cancel` all name the same choices the form offers. */
function normalizeChoice(text: string): string {
  return text.trim().toLowerCase().replaceAll("-", "_");
}

/**
 * Every outcome records who logged it, so it is never guessed: `--by`, else `CSOPS_USER` (set
 * once in a CS person's shell). It must be a configured CS person, so that a typo does not
 * invent a colleague; with nobody configured, any name is taken.
 */
function findLoggerOrFail(name: string | undefined, config: Config): string {
  const people = config.team.cs_people.map((person) => person.name);
  if (name === undefined || name.trim() === "") {
    throw new CsopsError(
      "usage",
      `say who logs the outcome: --by NAME, or set CSOPS_USER (one of: ${people.join(", ")})`,
    );
  }
  if (people.length === 0) return name.trim();

  const wanted = name.trim().toLowerCase();
  const person = people.find((candidate) => candidate.trim().toLowerCase() === wanted);
  if (person !== undefined) return person;

  throw new CsopsError(
    "usage",
    `"${name}" is not a configured CS person; expected one of: ${people.join(", ")}`,
  );
}

function formatLogged(logged: LoggedOutcome, config: Config): string {
  const { outcome, task } = logged;
  const company = task.context.companyName;
  const lines = [
    `Logged on ${task.id} (${company}): ${outcome.contact.replace("_", " ")} · ` +
      `${outcome.issue} · ${describeResult(outcome.result)}, by ${outcome.loggedBy}.`,
  ];

  if (logged.followUp !== undefined) {
    const due = formatDueTime(logged.followUp.dueAt, config.time_zone);
    lines.push(
      `Follow-up ${logged.followUp.id} is due ${due}` +
        (logged.followUp.owner === undefined ? "." : ` (${logged.followUp.owner}).`) +
        " Monitoring goes on: a new signal before then raises an escalation beside it.",
    );
  }
  if (logged.resolution !== undefined) {
    const days = config.tasks.resolved_cooldown_days;
    const until = addDays(logged.resolution.resolvedOn, days);
    lines.push(
      `${company} shows as Healthy & Stable from the next run; the same signals stay quiet ` +
        `until ${until} (${days}-day cool-down), a new signal or a higher segment alerts at once.`,
    );
  }
  if (logged.cancellation !== undefined) {
    const closed = logged.closed.map((t) => t.id).join(", ");
    lines.push(
      `${company} is canceled as of ${logged.cancellation.canceledOn}` +
        (closed === "" ? "" : `; closed ${closed}`) +
        ". Later runs skip it.",
    );
  }

  return `${lines.join("\n")}\n`;
}

function describeResult(result: OutcomeResult): string {
  switch (result) {
    case "resolved":
      return "resolved";
    case "follow_up":
      return "follow-up needed";
    case "will_cancel":
      return "customer will cancel";
  }
}
