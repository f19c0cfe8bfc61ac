import type { Outcome } from "../domain/tasks/index.js";

const CONTACTS: Record<Outcome["contact"], string> = {
  reached: "reached the customer",
  voicemail: "left a voicemail",
  email_sent: "sent an e-mail",
};
const RESULTS: Record<Outcome["result"], string> = {
  resolved: "resolved",
  follow_up: "follow-up needed",
  will_cancel: "the customer will cancel",
};

/** The line in a note's body that names its outcome, as `markTask` does for tasks. */
export function markOutcome(outcomeId: number): string {
  return `csops outcome ${outcomeId}`;
}

/** A logged outcome as a HubSpot note: what happened, the issue, the result, the note, who. */
export function describeOutcomeNote(
  outcomeId: number,
  outcome: Outcome,
  taskTitle: string,
): string {
  const followUp = outcome.followUpOn === undefined ? "" : ` on ${outcome.followUpOn}`;
  const lines = [
    `Outcome of ${outcome.taskId} "${taskTitle}"`,
    `Contact: ${CONTACTS[outcome.contact]}`,
    `Issue: ${outcome.issue}`,
    `Result: ${RESULTS[outcome.result]}${followUp}`,
  ];
  if (outcome.note.trim() !== "") lines.push(`Note: ${outcome.note.trim()}`);
  lines.push(`Logged by ${outcome.loggedBy} on ${outcome.loggedOn}`, "", markOutcome(outcomeId));

  return lines.join("\n");
}
