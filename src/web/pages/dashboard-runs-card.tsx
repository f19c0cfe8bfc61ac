import { formatDueTime, formatShortDay } from "../../wording/format-days.js";
import type { Dashboard } from "../../services/load-dashboard.js";
import type { RunSource } from "../../services/run-summary.js";
import type { PageContext } from "../page-context.js";
import { canImport } from "../viewer.js";
import { FormToken } from "./layout.js";

/** The last runs: when, how started, whether degraded, and the sources' age. */
export function RunsCard(props: { page: PageContext; dashboard: Dashboard }) {
  const tz = props.page.deps.config.time_zone;
  const next = props.page.deps.nextRunAt();

  return (
    <section class="card wide" id="runs">
      <h2>Last runs</h2>
      <p class="muted">
        {next === undefined
          ? "No daily run is scheduled by this server."
          : `Next daily run: ${formatDueTime(Math.floor(next.getTime() / 1000), tz)}.`}
      </p>
      {props.page.deps.runToday !== undefined && canImport(props.page.viewer) ? (
        <form method="post" action="/runs" class="inline">
          <FormToken page={props.page} />
          <button type="submit">Run today now</button>{" "}
          <span class="muted">
            after importing files, rather than waiting for the next run; nothing is made twice
          </span>
        </form>
      ) : null}
      {props.dashboard.runs.length === 0 ? (
        <p class="empty">No run yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Date</th>
              <th scope="col">Started</th>
              <th scope="col">How</th>
              <th scope="col">Result</th>
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {props.dashboard.runs.map((run) => (
              <tr>
                <td class="id">{run.id}</td>
                <td>{formatShortDay(run.date)}</td>
                <td>{formatDueTime(run.startedAt, tz)}</td>
                <td>{run.trigger.replace("_", "-")}</td>
                <td>
                  {run.status}
                  {run.degraded ? <span class="tag over-tag">degraded</span> : null}
                  {run.message === undefined ? null : <div class="muted">{run.message}</div>}
                </td>
                <td>{describeSources(run.sources)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function describeSources(sources: unknown): string {
  if (!Array.isArray(sources)) return "—";

  return (sources as RunSource[])
    .map((source) => {
      const age = source.ageDays === undefined ? "" : `, ${source.ageDays} d old`;
      return `${source.source} ${source.state}${age}`;
    })
    .join(" · ");
}
