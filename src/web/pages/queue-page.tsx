import { formatLongDay, formatShortDay } from "../../wording/format-days.js";
import { describeTaskBriefly } from "../../wording/describe-task-briefly.js";
import type { ActionCount, QueueEntry, Task } from "../../domain/tasks/index.js";
import type { Queue, QueueItem } from "../../services/load-queue.js";
import type { PageContext } from "../page-context.js";
import type { QueueFilter } from "../queue-filter.js";
import { describeDue } from "./describe-due.js";
import { Layout } from "./layout.js";
import { Notice } from "./notice.js";
import { SegmentBadge } from "./segment-badge.js";

/** Tasks per page of the queue: more than a day's work for the team, and quick to load. */
export const QUEUE_PAGE_SIZE = 100;

export interface QueuePageProps {
  page: PageContext;
  /** The queue narrowed to the chosen segment or kind; its items are the page shown. */
  queue: Queue;
  filter: QueueFilter;
  /** The viewer, when they are a configured CS person: "my tasks" is theirs. */
  me?: string | undefined;
  /** Whether any daily run has completed: an empty queue before the first one says so. */
  hasRun: boolean;
  notice?: string | undefined;
}

/**
 * The start page: the counts per action at the top, like the seed's "3 Revenue at Risk (call
 * today)", then the tasks in working order, a page at a time, with what does not fit this week
 * marked, and escalations beside the follow-ups they were raised next to.
 */
export function QueuePage(props: QueuePageProps) {
  const { page, queue, filter } = props;
  const whose = queue.owner === undefined ? "The whole team's tasks" : `${queue.owner}'s tasks`;

  return (
    <Layout page={page} title="Today's queue" section="queue">
      <h1>
        Today's queue <span class="sub">{formatLongDay(queue.date)}</span>
      </h1>
      {props.notice === undefined ? null : <Notice text={props.notice} />}
      <Counts counts={queue.counts} filter={filter} />
      <Filters {...props} />
      <p class="capacity">
        {whose}: <Capacity queue={queue} />
      </p>
      {queue.items.length === 0 ? (
        <EmptyQueue hasRun={props.hasRun} filtered={filter.segment !== undefined} />
      ) : (
        <>
          <QueueTable {...props} />
          <Pages queue={queue} filter={filter} />
        </>
      )}
      <UpcomingFollowUps tasks={queue.upcomingFollowUps} filter={filter} />
      <p class="hint">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move through the list, <kbd>Enter</kbd> opens a task.
      </p>
    </Layout>
  );
}

function Counts(props: { counts: ActionCount[]; filter: QueueFilter }) {
  if (props.counts.length === 0) return null;

  return (
    <ul class="counts" aria-label="Tasks per action">
      {props.counts.map((line) => {
        const segment = line.kind === "alert" ? line.segment : line.kind;
        return (
          <li class={`count count-${segment ?? line.kind}`}>
            <a href={props.filter.with({ segment }).href("/")}>
              <span class="n">{line.count}</span> <span class="what">{line.label}</span>{" "}
              <span class="action">{line.action}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function Filters(props: QueuePageProps) {
  const { filter, page } = props;
  const people = page.deps.config.team.cs_people.map((person) => person.name);
  const owner = filter.owner ?? "all";

  return (
    <form class="filters" method="get" action="/">
      <label>
        Whose tasks{" "}
        <select name="owner" data-autosubmit>
          {props.me === undefined ? null : (
            <option value={props.me} selected={owner === props.me}>
              My tasks ({props.me})
            </option>
          )}
          <option value="all" selected={owner === "all"}>
            Whole team
          </option>
          {people
            .filter((name) => name !== props.me)
            .map((name) => (
              <option value={name} selected={owner === name}>
                {name}
              </option>
            ))}
        </select>
      </label>
      <label>
        Segment{" "}
        <select name="segment" data-autosubmit>
          <option value="">All</option>
          {page.deps.rules.precedence
            .filter((id) => !("every" in page.deps.rules.segments[id].due))
            .map((id) => (
              <option value={id} selected={filter.segment === id}>
                {page.deps.rules.segments[id].label}
              </option>
            ))}
          <option value="follow_up" selected={filter.segment === "follow_up"}>
            Follow-ups
          </option>
          <option value="check_in" selected={filter.segment === "check_in"}>
            Quarterly check-ins
          </option>
        </select>
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

function Capacity(props: { queue: Queue }) {
  const { capacity } = props.queue;
  const dueThisWeek = capacity.counts.this_week + capacity.counts.over_capacity;
  const over = capacity.counts.over_capacity;

  return (
    <>
      {dueThisWeek} due this week, {capacity.counts.later} later · capacity{" "}
      {capacity.capacityPerWeek} touchpoints a week, {capacity.doneThisWeek} done this week ·{" "}
      {over === 0 ? (
        "everything due this week fits"
      ) : (
        <strong class="over-text">{over} do not fit this week (marked “over capacity”)</strong>
      )}
    </>
  );
}

function EmptyQueue(props: { hasRun: boolean; filtered: boolean }) {
  if (!props.hasRun) {
    return (
      <p class="empty">
        No daily run yet, so no tasks. The run starts at 09:00; <code>csops run</code> runs it now.
      </p>
    );
  }

  return (
    <p class="empty">{props.filtered ? "No tasks of this kind." : "Nothing to do. Well done."}</p>
  );
}

function QueueTable(props: QueuePageProps) {
  const { page } = props;

  return (
    <table class="queue">
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Company</th>
          <th scope="col">Segment</th>
          <th scope="col">Why</th>
          <th scope="col">Due</th>
          <th scope="col">Owner</th>
        </tr>
      </thead>
      <tbody>
        {props.queue.items.map((item) => (
          <QueueRow item={item} page={page} filter={props.filter} />
        ))}
      </tbody>
    </table>
  );
}

function QueueRow(props: { item: QueueItem; page: PageContext; filter: QueueFilter }) {
  const { item, page } = props;
  const { task } = item;
  const classes = [item.fit === "over_capacity" ? "over" : "", item.fit === "later" ? "later" : ""];

  return (
    <tr class={classes.join(" ").trim() || undefined}>
      <td class="id">{task.id}</td>
      <td>
        <a class="task-link" href={props.filter.href(`/tasks/${task.id}`)}>
          {task.context.companyName}
        </a>
        <Marks item={item} />
      </td>
      <td>
        {task.kind === "alert" ? (
          <SegmentBadge bucket={task.segment} rules={page.deps.rules} />
        ) : (
          <span class={`kind kind-${task.kind}`}>
            {task.kind === "follow_up" ? "Follow-up" : "Check-in"}
          </span>
        )}
      </td>
      <td>{describeWhy(task)}</td>
      <td class="due">
        {describeDue(task, page.today, page.deps.config.time_zone)}
        {item.fit === "over_capacity" ? <span class="tag over-tag">over capacity</span> : null}
        {item.fit === "later" ? <span class="tag later-tag">later</span> : null}
      </td>
      <td>{task.owner ?? "—"}</td>
    </tr>
  );
}

/** Escalations and the follow-ups beside them, so nobody acts twice without checking. */
function Marks(props: { item: QueueItem }) {
  const { task, pendingFollowUp, escalatedBy } = props.item;
  const marks = [];
  if (task.escalation !== undefined) {
    const what = task.escalation.signals.map((signal) => signal.text).join(", ");
    marks.push(
      <span class="tag esc-tag" title={what || "a segment of higher precedence"}>
        escalation
      </span>,
    );
  }
  if (pendingFollowUp !== undefined) {
    marks.push(
      <span class="note">
        Check follow-up {pendingFollowUp.id} (due {formatShortDay(pendingFollowUp.dueDate)}) first
      </span>,
    );
  }
  if (escalatedBy !== undefined) {
    marks.push(<span class="note">Escalation {escalatedBy.id} is open beside it</span>);
  }

  return marks.length === 0 ? null : <div class="marks">{marks}</div>;
}

/** "Tasks 101–200 of 24431" with the way to the pages before and after, when there are more. */
function Pages(props: { queue: Queue; filter: QueueFilter }) {
  const { total, offset, items } = props.queue;
  if (items.length >= total) return null;
  const page = Math.floor(offset / QUEUE_PAGE_SIZE) + 1;
  const link = (to: number) => {
    const href = props.filter.href("/");
    return `${href}${href.includes("?") ? "&" : "?"}page=${to}`;
  };
  const last = offset + items.length;

  return (
    <nav class="pages" aria-label="Pages">
      {page > 1 ? <a href={link(page - 1)}>← Previous</a> : null}
      <span>
        Tasks {offset + 1}–{last} of {total}
      </span>
      {last < total ? <a href={link(page + 1)}>Next →</a> : null}
    </nav>
  );
}

function UpcomingFollowUps(props: { tasks: QueueEntry[]; filter: QueueFilter }) {
  if (props.tasks.length === 0) return null;

  return (
    <section class="upcoming">
      <h2>Follow-ups for later days</h2>
      <p class="hint">They join the queue on their date.</p>
      <ul>
        {props.tasks.map((task) => (
          <li>
            <a href={props.filter.href(`/tasks/${task.id}`)}>
              {task.id} {task.context.companyName}
            </a>{" "}
            on {formatShortDay(task.dueDate)} · {task.owner ?? "no owner"}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The reasons in a few words; a follow-up names the task it follows. */
function describeWhy(task: Task): string {
  const why = describeTaskBriefly(task);
  if (task.kind === "follow_up") return `follow-up of ${task.followUpOf ?? "a task"}: ${why}`;

  return why;
}
