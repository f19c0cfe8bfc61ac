import { formatShortDay } from "../../wording/format-days.js";
import type { Dashboard } from "../../services/load-dashboard.js";

/** Outcomes logged this week, by result, contact and person. */
export function OutcomesCard(props: { dashboard: Dashboard }) {
  const { outcomes } = props.dashboard;
  const people = new Map<string, number>();
  const contacts = new Map<string, number>();
  for (const tally of outcomes.tallies) {
    people.set(tally.loggedBy, (people.get(tally.loggedBy) ?? 0) + tally.count);
    contacts.set(tally.contact, (contacts.get(tally.contact) ?? 0) + tally.count);
  }

  return (
    <section class="card">
      <h2>
        Outcomes this week{" "}
        <span class="sub">
          {formatShortDay(outcomes.week.from)} – {formatShortDay(outcomes.week.to)}
        </span>
      </h2>
      <p class="big">{outcomes.total} logged</p>
      <dl class="facts">
        <dt>Resolved</dt>
        <dd>{outcomes.byResult.resolved}</dd>
        <dt>Follow-up needed</dt>
        <dd>{outcomes.byResult.follow_up}</dd>
        <dt>Customer will cancel</dt>
        <dd>{outcomes.byResult.will_cancel}</dd>
        <dt>Reached / voicemail / email</dt>
        <dd>
          {contacts.get("reached") ?? 0} / {contacts.get("voicemail") ?? 0} /{" "}
          {contacts.get("email_sent") ?? 0}
        </dd>
        {[...people].map(([name, count]) => (
          <>
            <dt>By {name}</dt>
            <dd>{count}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** The week's touchpoints: used, and what the open tasks due this week need. */
export function CapacityCard(props: { dashboard: Dashboard }) {
  const { capacity } = props.dashboard;
  const dueThisWeek = capacity.counts.this_week + capacity.counts.over_capacity;

  return (
    <section class="card">
      <h2>
        Capacity this week{" "}
        <span class="sub">
          {formatShortDay(capacity.week.from)} – {formatShortDay(capacity.week.to)}
        </span>
      </h2>
      <p class="big">
        {capacity.doneThisWeek} of {capacity.capacityPerWeek} touchpoints used
      </p>
      <label class="meter-label">
        Outcomes logged this week
        <meter
          class="capacity-meter"
          min={0}
          max={capacity.capacityPerWeek}
          value={capacity.doneThisWeek}
        ></meter>
      </label>
      <label class="meter-label">
        Open tasks due this week, of the {capacity.remaining} touchpoints left
        <meter
          class="capacity-meter"
          min={0}
          max={Math.max(1, capacity.remaining)}
          high={Math.max(1, capacity.remaining) * 0.9}
          value={Math.min(dueThisWeek, Math.max(1, capacity.remaining))}
        ></meter>
      </label>
      <p>
        {dueThisWeek} open tasks are due this week; {capacity.remaining} touchpoints are left.{" "}
        {capacity.counts.over_capacity === 0
          ? "Everything due fits."
          : `${capacity.counts.over_capacity} do not fit: the queue marks them.`}
      </p>
    </section>
  );
}
