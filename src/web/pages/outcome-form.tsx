import { addDays } from "../../domain/add-days.js";
import type { Task } from "../../domain/tasks/index.js";
import type { PageContext } from "../page-context.js";
import type { QueueFilter } from "../queue-filter.js";
import { nameOf } from "../viewer.js";
import { FormToken } from "./layout.js";

/** What the form held when it was sent back with a problem, to fill it in again. */
export interface OutcomeFormValues {
  contact?: string | undefined;
  issue?: string | undefined;
  result?: string | undefined;
  followUpOn?: string | undefined;
  note?: string | undefined;
  loggedBy?: string | undefined;
}

/** Each choice with the key that picks it (shown underlined in its label). */
const GROUPS = [
  {
    name: "contact",
    legend: "What happened?",
    choices: [
      { value: "reached", label: "Reached", key: "r" },
      { value: "voicemail", label: "Voicemail", key: "v" },
      { value: "email_sent", label: "Email sent", key: "e" },
    ],
  },
  {
    name: "issue",
    legend: "What was the issue?",
    choices: [
      { value: "payment", label: "Payment", key: "p" },
      { value: "usage", label: "Usage", key: "u" },
      { value: "technical", label: "Technical", key: "t" },
      { value: "none", label: "None", key: "n" },
    ],
  },
  {
    name: "result",
    legend: "What did you do?",
    choices: [
      { value: "resolved", label: "Resolved", key: "s" },
      { value: "follow_up", label: "Follow-up needed", key: "f" },
      { value: "will_cancel", label: "Customer will cancel", key: "c" },
    ],
  },
] as const;

/**
 * The seed's "log outcome" in one form: three choices, a follow-up date when one is needed, and
 * a note. Keys pick each choice (shown in the labels) and Ctrl+Enter saves, so a person never
 * needs the mouse; without JavaScript it is an ordinary form.
 */
export function OutcomeForm(props: {
  page: PageContext;
  task: Task;
  filter: QueueFilter;
  values: OutcomeFormValues;
  error?: string | undefined;
}) {
  const { page, task, values } = props;
  const who = nameOf(page.viewer);
  const followUpDefault = values.followUpOn ?? addDays(page.today, 7);

  return (
    <form
      class="outcome"
      method="post"
      action={props.filter.href(`/tasks/${task.id}/outcome`)}
      data-outcome-form
    >
      <FormToken page={page} />
      <h2>Log the outcome</h2>
      {props.error === undefined ? null : (
        <p class="notice notice-error" role="alert" id="outcome-error">
          {props.error}
        </p>
      )}
      {GROUPS.map((group) => (
        <fieldset class="choices">
          <legend>{group.legend}</legend>
          {group.choices.map((choice) => (
            <label class="choice">
              <input
                type="radio"
                name={group.name}
                value={choice.value}
                required
                data-key={choice.key}
                checked={values[group.name] === choice.value}
              />
              <KeyedLabel label={choice.label} shortcut={choice.key} />
            </label>
          ))}
        </fieldset>
      ))}
      <div class="follow-up-field" data-follow-up-field>
        <label for="follow-up-on">Follow-up date (for “Follow-up needed”)</label>
        <span class="hint">A week from today unless you change it.</span>
        <input
          type="date"
          id="follow-up-on"
          name="follow_up_on"
          value={followUpDefault}
          min={addDays(page.today, 1)}
        />
      </div>
      <label for="note">Note (optional)</label>
      <textarea id="note" name="note" rows={3}>
        {values.note ?? ""}
      </textarea>
      {who === undefined ? <LoggedBy page={page} selected={values.loggedBy} /> : null}
      <div class="submit-row">
        <button type="submit" class="primary">
          Save and open the next task
        </button>
        <span class="hint">
          Keys: <kbd>R</kbd> <kbd>V</kbd> <kbd>E</kbd> · <kbd>P</kbd> <kbd>U</kbd> <kbd>T</kbd>{" "}
          <kbd>N</kbd> · <kbd>S</kbd> <kbd>F</kbd> <kbd>C</kbd> · <kbd>Ctrl</kbd>+<kbd>Enter</kbd>{" "}
          saves
        </span>
      </div>
      {who === undefined ? null : <p class="hint">Logged as {who}.</p>}
    </form>
  );
}

/** The label with its shortcut letter underlined, the letter spelled out for screen readers. */
function KeyedLabel(props: { label: string; shortcut: string }) {
  const index = props.label.toLowerCase().indexOf(props.shortcut);
  if (index < 0) return <span>{props.label}</span>;

  return (
    <span>
      {props.label.slice(0, index)}
      <u>{props.label.slice(index, index + 1)}</u>
      {props.label.slice(index + 1)}
    </span>
  );
}

/** In the demo, with nobody picked in "you are": who logs this outcome. */
function LoggedBy(props: { page: PageContext; selected?: string | undefined }) {
  return (
    <>
      <label for="logged-by">Logged by</label>
      <select id="logged-by" name="logged_by" required>
        <option value="">(pick your name)</option>
        {props.page.deps.config.team.cs_people.map((person) => (
          <option value={person.name} selected={person.name === props.selected}>
            {person.name}
          </option>
        ))}
      </select>
    </>
  );
}
