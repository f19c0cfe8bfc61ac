import { formatShortDay } from "../../wording/format-days.js";
import type { Outcome } from "../../domain/tasks/index.js";

const CONTACTS = { reached: "Reached", voicemail: "Voicemail", email_sent: "Email sent" } as const;
const RESULTS = {
  resolved: "resolved",
  follow_up: "follow-up needed",
  will_cancel: "customer will cancel",
} as const;

/** A customer's outcomes, newest first: who logged what, when, and their note. */
export function OutcomeList(props: { outcomes: Outcome[] }) {
  if (props.outcomes.length === 0) return <p class="muted">None yet.</p>;

  return (
    <ul class="outcomes">
      {props.outcomes.map((outcome) => (
        <li>
          <span class="when">{formatShortDay(outcome.loggedOn)}</span> {outcome.taskId}:{" "}
          {CONTACTS[outcome.contact]} · issue {outcome.issue} · {RESULTS[outcome.result]}
          {outcome.followUpOn === undefined ? "" : ` on ${formatShortDay(outcome.followUpOn)}`} ·
          logged by {outcome.loggedBy}
          {outcome.note === "" ? null : <blockquote>{outcome.note}</blockquote>}
        </li>
      ))}
    </ul>
  );
}
