import type { Dashboard } from "../../services/load-dashboard.js";
import type { RunSource } from "../../services/run-summary.js";
import { FACT_LABELS } from "./describe-reason.js";

/** Records listed in the join report's details. */
const SHOWN_UNMATCHED = 32;

/** Whether the sources were fresh, and which facts were unknown for how many customers. */
export function GapsCard(props: { dashboard: Dashboard }) {
  const { gaps, latestRun } = props.dashboard;
  const sources: RunSource[] = latestRun?.summary.sources ?? [];

  return (
    <section class="card">
      <h2>Data gaps</h2>
      <ul class="sources">
        {sources.map((source) => (
          <li class={`source-${source.state}`}>
            <strong>{source.state === "fresh" ? "OK" : source.state.toUpperCase()}</strong>{" "}
            {source.message}
          </li>
        ))}
      </ul>
      {gaps.length === 0 ? (
        <p>No fact was unknown for any customer.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Source and fact</th>
              <th scope="col">Customers</th>
            </tr>
          </thead>
          {gaps.map((source) => (
            <tbody>
              <tr class="group">
                <th scope="rowgroup">{source.source}</th>
                <td class="num">
                  {source.customers}
                  {source.inDataGap > 0 ? ` (${source.inDataGap} in Data gap)` : ""}
                </td>
              </tr>
              {source.facts.map((fact) => (
                <tr>
                  <td class="indent">{FACT_LABELS[fact.fact]}</td>
                  <td class="num">{fact.customers}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}

/** What the join could not place: never dropped silently, listed here. */
export function UnmatchedCard(props: { dashboard: Dashboard }) {
  const { join } = props.dashboard;
  if (join === undefined) {
    return (
      <section class="card">
        <h2>Unmatched records</h2>
        <p>
          Every fact comes from the HubSpot company export (
          <code>sources.preset: hubspot_only</code>
          ), so there is nothing to join.
        </p>
      </section>
    );
  }
  const visits = join.unattributedVisits;
  const lines = [
    ...join.stripe.unmatched.map((record) => `Stripe ${record.id}: ${record.message}`),
    ...join.stripe.ambiguous.map(
      (record) => `Stripe ${record.id} matches ${record.companyIds.join(" and ")} (not used)`,
    ),
    ...join.matomo.unmatched.map((record) => `Matomo ${record.id}: ${record.message}`),
    ...join.matomo.ambiguous.map(
      (record) => `Matomo ${record.id} matches ${record.companyIds.join(" and ")} (not used)`,
    ),
  ];

  return (
    <section class="card">
      <h2>Unmatched records</h2>
      <dl class="facts">
        <dt>Stripe customers matching no customer</dt>
        <dd>{join.stripe.unmatched.length}</dd>
        <dt>Stripe customers matching several</dt>
        <dd>{join.stripe.ambiguous.length}</dd>
        <dt>Matomo users matching no customer</dt>
        <dd>{join.matomo.unmatched.length}</dd>
        <dt>Customers without Stripe</dt>
        <dd>{join.companiesWithoutStripe.length}</dd>
        <dt>Customers without Matomo</dt>
        <dd>{join.companiesWithoutMatomo.length}</dd>
        <dt>Visits without a user id</dt>
        <dd>
          {visits.count} of {visits.total}
          {visits.share === undefined ? "" : ` (${(visits.share * 100).toFixed(1)}%)`}
        </dd>
      </dl>
      {lines.length === 0 ? null : (
        <details>
          <summary>The records ({lines.length})</summary>
          <ul class="compact">
            {lines.slice(0, SHOWN_UNMATCHED).map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          {lines.length > SHOWN_UNMATCHED ? (
            <p class="muted">
              … and {lines.length - SHOWN_UNMATCHED} more: <code>csops join-report</code> lists all.
            </p>
          ) : null}
        </details>
      )}
    </section>
  );
}
