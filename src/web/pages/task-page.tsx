import { countOf, describeDaysFromNow } from "../../wording/count-of.js";
import { formatDueTime, formatLongDay, formatShortDay } from "../../wording/format-days.js";
import type { Outcome, Task, TaskContext } from "../../domain/tasks/index.js";
import type { PageContext } from "../page-context.js";
import type { QueueFilter } from "../queue-filter.js";
import { FACT_LABELS, describeReason } from "./describe-reason.js";
import { Layout } from "./layout.js";
import { Notice } from "./notice.js";
import { OutcomeForm, type OutcomeFormValues } from "./outcome-form.js";
import { OutcomeList } from "./outcome-list.js";
import { SegmentBadge } from "./segment-badge.js";

export interface TaskPageProps {
  page: PageContext;
  task: Task;
  /** The customer's other open tasks. */
  otherOpen: Task[];
  /** The customer's outcomes, newest first. */
  outcomes: Outcome[];
  /** An escalation raised beside a pending follow-up: that follow-up. */
  pendingFollowUp?: Task | undefined;
  filter: QueueFilter;
  form: OutcomeFormValues;
  formError?: string | undefined;
  notice?: string | undefined;
}

/**
 * One task: why it is on the list and everything needed before acting (the context DESIGN.md
 * lists), the customer's other open tasks and past outcomes, and the outcome form.
 */
export function TaskPage(props: TaskPageProps) {
  const { page, task } = props;
  const tz = page.deps.config.time_zone;

  return (
    <Layout page={page} title={`${task.id} ${task.context.companyName}`} section="queue">
      <p class="crumbs">
        <a href={props.filter.href("/")}>← Back to the queue</a>
      </p>
      {props.notice === undefined ? null : <Notice text={props.notice} />}
      <h1>
        {task.title} <span class="sub">{task.id}</span>
      </h1>
      <p class="task-meta">
        {task.kind === "alert" ? (
          <SegmentBadge bucket={task.segment} rules={page.deps.rules} />
        ) : (
          <span class={`kind kind-${task.kind}`}>{task.label}</span>
        )}{" "}
        {task.action} · due {formatDueTime(task.dueAt, tz)}
        {task.status === "open" && task.dueDate < page.today ? " (late)" : ""} · owner{" "}
        {task.owner ?? "nobody yet"}
      </p>
      <div class="task-grid">
        <div>
          <Escalation task={task} pendingFollowUp={props.pendingFollowUp} filter={props.filter} />
          <section>
            <h2>Why</h2>
            <Reasons task={task} />
          </section>
          <Facts context={task.context} customerId={task.customerId} />
          <MissingData context={task.context} page={page} />
          <OtherTasks tasks={props.otherOpen} filter={props.filter} />
          <section>
            <h2>Past outcomes</h2>
            <OutcomeList outcomes={props.outcomes} />
          </section>
        </div>
        <div>
          {task.status === "open" ? (
            <OutcomeForm
              page={page}
              task={task}
              filter={props.filter}
              values={props.form}
              error={props.formError}
            />
          ) : (
            <Closed task={task} />
          )}
        </div>
      </div>
    </Layout>
  );
}

function Escalation(props: {
  task: Task;
  pendingFollowUp?: Task | undefined;
  filter: QueueFilter;
}) {
  const { escalation } = props.task;
  const pending = props.pendingFollowUp;
  if (escalation === undefined && pending === undefined) return null;
  const what = escalation?.signals.map((signal) => signal.text).join(", ");

  return (
    <div class="callout" role="note">
      {escalation === undefined ? null : (
        <p>
          <strong>Escalation</strong>:{" "}
          {escalation.trigger === "higher_segment"
            ? "the customer moved to a more urgent segment"
            : "a new signal appeared"}
          {what === undefined || what === "" ? "" : ` (${what})`}.
        </p>
      )}
      {pending === undefined ? null : (
        <p>
          A follow-up is pending:{" "}
          <a href={props.filter.href(`/tasks/${pending.id}`)}>
            {pending.id}, due {formatShortDay(pending.dueDate)}
          </a>
          . Check it before acting, so the customer is not contacted twice.
        </p>
      )}
    </div>
  );
}

function Reasons(props: { task: Task }) {
  const { task } = props;
  if (task.kind === "check_in")
    return <p>The quarterly check-in of a Healthy &amp; Stable customer.</p>;
  const reasons = task.reasons.map(describeReason);
  const intro =
    task.kind === "follow_up" ? <p>Follow-up of {task.followUpOf ?? "an earlier task"}.</p> : null;

  return (
    <>
      {intro}
      {reasons.length === 0 ? null : (
        <ul class="reasons">
          {reasons.map((reason) => (
            <li>{reason}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function Facts(props: { context: TaskContext; customerId: string }) {
  const { context } = props;

  return (
    <section>
      <h2>
        <a href={`/customers/${encodeURIComponent(props.customerId)}`}>{context.companyName}</a>{" "}
        <span class="sub">as of {formatLongDay(context.asOf)}</span>
      </h2>
      <dl class="facts">
        <dt>Renewal</dt>
        <dd>{describeRenewal(context)}</dd>
        <dt>Last login</dt>
        <dd>{describeLastLogin(context)}</dd>
        <dt>Logins in 30 days</dt>
        <dd>
          {known(context.logins30d)}
          {context.usageLevel === undefined ? "" : ` (${context.usageLevel} usage)`}
        </dd>
        <dt>Features used in 30 days</dt>
        <dd>{known(context.featuresUsed30d)}</dd>
        <dt>Plan</dt>
        <dd>{context.plan ?? "unknown"}</dd>
        <dt>Support tickets in 30 days</dt>
        <dd>{known(context.supportTickets)}</dd>
        <dt>Payment</dt>
        <dd>
          {context.paymentFailed === undefined
            ? "unknown"
            : context.paymentFailed
              ? "failed"
              : "current"}
        </dd>
        <dt>Owner</dt>
        <dd>{context.owner ?? "nobody yet"}</dd>
      </dl>
    </section>
  );
}

function MissingData(props: { context: TaskContext; page: PageContext }) {
  const { unknown, possibly } = props.context;
  if (unknown.length === 0 && possibly.length === 0) return null;
  const { rules } = props.page.deps;

  return (
    <section>
      <h2>Missing data</h2>
      <ul class="missing">
        {unknown.map((gap) => (
          <li>
            {FACT_LABELS[gap.fact]} is unknown: it should come from {gap.source}.
          </li>
        ))}
        {possibly.map((possible) => (
          <li>
            Possibly {rules.segments[possible.segment].label}: that needs{" "}
            {possible.missing.map((fact) => FACT_LABELS[fact].toLowerCase()).join(", ")}.
          </li>
        ))}
      </ul>
    </section>
  );
}

function OtherTasks(props: { tasks: Task[]; filter: QueueFilter }) {
  return (
    <section>
      <h2>Other open tasks of this customer</h2>
      {props.tasks.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul>
          {props.tasks.map((task) => (
            <li>
              <a href={props.filter.href(`/tasks/${task.id}`)}>
                {task.id} {task.title}
              </a>{" "}
              · due {formatShortDay(task.dueDate)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Closed(props: { task: Task }) {
  const { task } = props;

  return (
    <div class="closed">
      <h2>This task is {task.status === "done" ? "done" : task.status}</h2>
      <p>
        {task.closedOn === undefined ? "" : `On ${formatLongDay(task.closedOn)}: `}
        {task.closedReason ?? ""}
      </p>
    </div>
  );
}

function describeRenewal(context: TaskContext): string {
  if (context.contractEndDate === undefined) return "unknown";
  const days = context.daysToRenewal;
  if (days === undefined) return formatLongDay(context.contractEndDate);
  return `${formatLongDay(context.contractEndDate)} (${describeDaysFromNow(days)})`;
}

function describeLastLogin(context: TaskContext): string {
  const login = context.lastLogin;
  const days = context.daysSinceLastLogin;
  if (login === undefined) return "unknown";
  if (login.kind === "never") return "never: its users have not logged in";
  if (login.kind === "none_since") {
    const atLeast = typeof days === "string" && days.startsWith(">=") ? days.slice(2) : undefined;
    const over = atLeast === undefined ? "" : ` (${atLeast}+ days)`;
    return `none since ${formatLongDay(login.date)}${over}`;
  }
  const ago = typeof days === "number" ? ` (${countOf(days, "day")} ago)` : "";

  return `${formatLongDay(login.date)}${ago}`;
}

function known(value: number | undefined): string {
  return value === undefined ? "unknown" : String(value);
}
