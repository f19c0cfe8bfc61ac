import { formatDueTime, formatLongDay } from "../../wording/format-days.js";
import { FACT_NAMES } from "../../domain/facts.js";
import type { Task } from "../../domain/tasks/index.js";
import type { CustomerExplanation } from "../../services/explain-customer.js";
import type { PageContext } from "../page-context.js";
import { FACT_LABELS, describeReason } from "./describe-reason.js";
import { Layout } from "./layout.js";
import { OutcomeList } from "./outcome-list.js";
import { SegmentBadge, labelOfBucket } from "./segment-badge.js";

/** One customer: facts, the current decision explained, tasks, outcomes and segment history. */
export function CustomerPage(props: { page: PageContext; explained: CustomerExplanation }) {
  const { page, explained } = props;
  const { rules } = page.deps;
  const { shown, decision, state } = explained;

  return (
    <Layout page={page} title={explained.name} section="customers">
      <p class="crumbs">
        <a href="/customers">← All customers</a>
      </p>
      <h1>
        {explained.name} <span class="sub">HubSpot {explained.customerId}</span>
      </h1>
      <p class="task-meta">
        <SegmentBadge bucket={shown.segment} rules={rules} />{" "}
        {state?.status === "canceled"
          ? `Canceled on ${state.canceledOn ?? "?"} (logged by ${state.canceledBy ?? "?"}) · `
          : ""}
        owner{" "}
        {state?.assignment === undefined
          ? "nobody yet"
          : `${state.assignment.person} (${state.assignment.basis === "owner" ? "HubSpot owner" : "shared out"})`}
      </p>
      <div class="task-grid">
        <div>
          <section>
            <h2>
              Current decision{" "}
              <span class="sub">
                {explained.basis === "run"
                  ? `as of the run of ${formatLongDay(explained.asOf)}`
                  : `computed now: no run has evaluated this customer yet`}
              </span>
            </h2>
            {shown.segment === decision.segment ? null : (
              <p class="callout">
                Shown as {labelOfBucket(shown.segment, rules)}: resolved by {shown.resolvedBy} on{" "}
                {shown.resolvedOn}. The rules alone say {decision.label}.
              </p>
            )}
            <Explanation explained={explained} page={page} />
          </section>
          <section>
            <h2>Facts on {formatLongDay(explained.asOf)}</h2>
            <dl class="facts">
              <dt>Contract end</dt>
              <dd>{explained.facts.contractEndDate ?? "unknown"}</dd>
              <dt>Customer since</dt>
              <dd>{explained.facts.accountStartDate ?? "unknown"}</dd>
              {FACT_NAMES.map((fact) => (
                <>
                  <dt>{FACT_LABELS[fact]}</dt>
                  <dd>{explained.values[fact]}</dd>
                </>
              ))}
            </dl>
            {explained.notes.length === 0 ? null : (
              <ul class="missing">
                {explained.notes.map((note) => (
                  <li>{note}</li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div>
          <section>
            <h2>Open tasks</h2>
            <TaskList tasks={explained.openTasks} page={page} />
          </section>
          <section>
            <h2>Outcomes</h2>
            <OutcomeList outcomes={explained.outcomes} />
          </section>
          <section>
            <h2>Segment history</h2>
            <Timeline explained={explained} page={page} />
          </section>
          <section>
            <h2>Past tasks</h2>
            <TaskList tasks={explained.pastTasks.slice(0, 20)} page={page} />
          </section>
        </div>
      </div>
    </Layout>
  );
}

function Explanation(props: { explained: CustomerExplanation; page: PageContext }) {
  const { decision } = props.explained;
  const { rules } = props.page.deps;
  const items = [
    ...decision.reasons.map((reason) => <li>{describeReason(reason)}</li>),
    ...decision.possibly.map((possible) => (
      <li>
        Possibly {rules.segments[possible.segment].label}: that needs{" "}
        {possible.missing.map((fact) => FACT_LABELS[fact].toLowerCase()).join(", ")}.
      </li>
    )),
    ...decision.unknown.map((gap) => (
      <li class="gap">
        {FACT_LABELS[gap.fact]} is unknown: it should come from {gap.source}.
      </li>
    )),
  ];
  if (items.length === 0) return <p>No segment's criteria hold.</p>;

  return <ul class="reasons">{items}</ul>;
}

function TaskList(props: { tasks: Task[]; page: PageContext }) {
  if (props.tasks.length === 0) return <p class="muted">None.</p>;
  const tz = props.page.deps.config.time_zone;

  return (
    <ul class="tasks">
      {props.tasks.map((task) => (
        <li>
          <a href={`/tasks/${task.id}`}>
            {task.id} {task.title}
          </a>{" "}
          ·{" "}
          {task.status === "open"
            ? `due ${formatDueTime(task.dueAt, tz)}`
            : `${task.status}${task.closedOn === undefined ? "" : ` ${task.closedOn}`}${task.closedReason === undefined ? "" : `: ${task.closedReason}`}`}
        </li>
      ))}
    </ul>
  );
}

/** The decision history, newest first: one point per change, with what held then. */
function Timeline(props: { explained: CustomerExplanation; page: PageContext }) {
  const { history } = props.explained;
  const { rules } = props.page.deps;
  if (history.length === 0) return <p class="muted">No run has recorded a decision yet.</p>;

  return (
    <ol class="timeline">
      {history.map((entry) => (
        <li>
          <time datetime={entry.validFrom}>{formatLongDay(entry.validFrom)}</time>{" "}
          <SegmentBadge bucket={entry.shownSegment} rules={rules} />
          {entry.shownSegment === entry.segment ? null : (
            <span class="muted">
              {" "}
              (rules: {entry.label}; resolved by {entry.resolvedBy})
            </span>
          )}
          {entry.reasons.length === 0 ? null : (
            <div class="muted">{entry.reasons.map(describeReason).join("; ")}</div>
          )}
        </li>
      ))}
    </ol>
  );
}
