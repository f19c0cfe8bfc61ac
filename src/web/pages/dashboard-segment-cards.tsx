import { formatShortDay } from "../../wording/format-days.js";
import type { Bucket } from "../../domain/rules.js";
import type { Dashboard } from "../../services/load-dashboard.js";
import type { PageContext } from "../page-context.js";
import { SegmentBadge, labelOfBucket } from "./segment-badge.js";

function buckets(page: PageContext): Bucket[] {
  return [...page.deps.rules.precedence, "data_gap", "none"];
}

/** Customers per segment and bucket in the latest run. */
export function SegmentsTodayCard(props: { page: PageContext; dashboard: Dashboard }) {
  const run = props.dashboard.latestRun;
  if (run === undefined) {
    return (
      <section class="card">
        <h2>Customers per segment</h2>
        <p class="empty">No daily run yet: the first one starts at 09:00.</p>
      </section>
    );
  }
  const { segments, customers, shownResolved } = run.summary;
  const largest = Math.max(1, ...Object.values(segments));

  return (
    <section class="card">
      <h2>
        Customers per segment <span class="sub">run of {formatShortDay(run.date)}</span>
      </h2>
      <table class="bars">
        <tbody>
          {buckets(props.page).map((bucket) => (
            <tr>
              <th scope="row">
                <SegmentBadge bucket={bucket} rules={props.page.deps.rules} />
              </th>
              <td class="num">{segments[bucket] ?? 0}</td>
              <td class="bar-cell">
                <meter min={0} max={largest} value={segments[bucket] ?? 0}></meter>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        {customers} customers evaluated
        {shownResolved > 0
          ? `; ${shownResolved} resolved by the team show as Healthy & Stable during their cool-down`
          : ""}
        .
      </p>
    </section>
  );
}

/** A stacked bar per run date (drawn by app.js with Chart.js), and the same as a table. */
export function SegmentsOverTimeCard(props: { page: PageContext; dashboard: Dashboard }) {
  const { overTime } = props.dashboard;
  const { rules } = props.page.deps;
  const series = buckets(props.page).map((bucket) => ({
    bucket,
    label: labelOfBucket(bucket, rules),
    data: overTime.map((point) => point.segments[bucket] ?? 0),
  }));
  const chart = { labels: overTime.map((point) => point.date), series };

  return (
    <section class="card wide">
      <h2>Segments over time</h2>
      {overTime.length === 0 ? (
        <p class="empty">The chart fills in as daily runs happen.</p>
      ) : (
        <>
          <script src="/static/chart.js" defer></script>
          <div class="chart">
            <canvas
              data-chart={JSON.stringify(chart)}
              role="img"
              aria-label="Customers per segment on each run date"
            ></canvas>
          </div>
          <details>
            <summary>The same as a table</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Run date</th>
                  {series.map((line) => (
                    <th scope="col">{line.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overTime.map((point, index) => (
                  <tr>
                    <th scope="row">{point.date}</th>
                    {series.map((line) => (
                      <td class="num">{line.data[index]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

/** Who changed segment since the run a week earlier. */
export function MovementsCard(props: { page: PageContext; dashboard: Dashboard }) {
  const { movements } = props.dashboard;
  const { rules } = props.page.deps;

  return (
    <section class="card">
      <h2>
        Movements{" "}
        {movements.since === undefined ? null : (
          <span class="sub">since the run of {formatShortDay(movements.since)}</span>
        )}
      </h2>
      {movements.since === undefined ? (
        <p class="empty">No earlier run to compare with yet.</p>
      ) : movements.moves.length === 0 ? (
        <p>Nobody changed segment.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Customers</th>
            </tr>
          </thead>
          <tbody>
            {movements.moves.map((move) => (
              <tr>
                <td>
                  <SegmentBadge bucket={move.from} rules={rules} />
                </td>
                <td>
                  <SegmentBadge bucket={move.to} rules={rules} />
                </td>
                <td class="num">{move.customers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {movements.since === undefined ? null : (
        <p class="muted">
          {movements.unchanged} stayed where they were; {movements.appeared} are new since.
        </p>
      )}
    </section>
  );
}
