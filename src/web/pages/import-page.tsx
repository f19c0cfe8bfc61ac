import { basename } from "node:path";

import { SOURCE_KINDS, type SourceKind } from "../../domain/records.js";
import { formatDueTime } from "../../wording/format-days.js";
import type { ImportProblem, ImportRecord } from "../../storage/import-log.js";
import type { PageContext } from "../page-context.js";
import { describeImportMessage } from "./describe-import-message.js";
import { FormToken, Layout } from "./layout.js";
import { Notice } from "./notice.js";

/** Rejected rows shown per import; `csops imports ID` lists every one. */
const SHOWN_PROBLEMS = 50;

/** The kinds `csops import --source` reads, as the kind select names them. */
const KIND_LABELS: Record<SourceKind, string> = {
  hubspot_companies: "HubSpot companies",
  hubspot_tickets: "HubSpot tickets",
  hubspot_ticket_companies: "HubSpot ticket-company associations",
  hubspot_owners: "HubSpot owners",
  stripe_customers: "Stripe customers",
  stripe_subscriptions: "Stripe subscriptions",
  stripe_invoices: "Stripe invoices",
  stripe_charges: "Stripe payments (charges)",
  matomo_visits: "Matomo visits log",
  matomo_users: "Matomo per-user aggregates",
};

export interface ImportResult {
  record: ImportRecord;
  problems: ImportProblem[];
}

/** Upload export files, and read what each import did before leaving the page. */
export function ImportPage(props: {
  page: PageContext;
  results: ImportResult[];
  recent: ImportRecord[];
  error?: string | undefined;
}) {
  const { page } = props;

  return (
    <Layout page={page} title="Import" section="import">
      <h1>Import export files</h1>
      {props.error === undefined ? null : <Notice text={props.error} kind="error" />}
      {props.results.length === 0 ? null : <Results results={props.results} page={page} />}
      <form class="upload" method="post" action="/import" enctype="multipart/form-data">
        <FormToken page={page} />
        <label for="files">Export files from HubSpot, Stripe or Matomo</label>
        <input type="file" id="files" name="files" multiple required />
        <p class="hint">
          HubSpot companies and tickets, Stripe customers, subscriptions and invoices, Matomo's
          visits log: each file's kind is recognised from its header row. Each file is imported
          whole or not at all; a bad row is listed with its line and the good rows are kept; the
          same file twice changes nothing. The queue follows at the next daily run.
        </p>
        <div class="upload-option">
          <label for="kind">Kind</label>
          <select id="kind" name="kind">
            <option value="">Recognise it from the header row</option>
            {SOURCE_KINDS.map((kind) => (
              <option value={kind}>{`${KIND_LABELS[kind]} (${kind})`}</option>
            ))}
          </select>
        </div>
        <div class="upload-option">
          <label for="encoding">Encoding</label>
          <input type="text" id="encoding" name="encoding" placeholder="utf-8" />
        </div>
        <p class="hint">
          Leave the kind and the encoding as they are unless an import asks for them: the kind
          applies to every file sent together, and the encoding (windows-1252, iso-8859-1…) to files
          that are not UTF-8 and start with no byte-order mark.
        </p>
        <button type="submit" class="primary">
          Import
        </button>
      </form>
      <section>
        <h2>Recent imports</h2>
        <ImportTable records={props.recent} page={page} />
      </section>
    </Layout>
  );
}

function Results(props: { results: ImportResult[]; page: PageContext }) {
  return (
    <section class="results" aria-label="What the import did">
      <h2>What the import did</h2>
      {props.results.map(({ record, problems }) => (
        <article class={`import import-${record.status}`}>
          <h3>
            {basename(record.file)} <span class="tag">{record.status}</span>
          </h3>
          <p>
            {record.kind === undefined ? "kind not recognised" : record.kind.replace("_", " ")}
            {record.preset === undefined ? "" : ` (${record.preset})`}: {record.rowsRead} rows read,{" "}
            {record.rowsImported} imported, {record.rowsRejected} rejected.
          </p>
          {record.message === undefined ? null : (
            <p>{describeImportMessage(record.message, record.file)}</p>
          )}
          {problems.length === 0 ? null : <Problems problems={problems} record={record} />}
        </article>
      ))}
    </section>
  );
}

function Problems(props: { problems: ImportProblem[]; record: ImportRecord }) {
  const shown = props.problems.slice(0, SHOWN_PROBLEMS);

  return (
    <>
      <table class="problems">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Why it was rejected</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((problem) => (
            <tr>
              <td class="num">{problem.line}</td>
              <td>{problem.column ?? ""}</td>
              <td>
                <code>{problem.value ?? ""}</code>
              </td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.problems.length > SHOWN_PROBLEMS ? (
        <p class="muted">
          … and {props.problems.length - SHOWN_PROBLEMS} more:{" "}
          <code>csops imports {props.record.id}</code> lists every one.
        </p>
      ) : null}
    </>
  );
}

function ImportTable(props: { records: ImportRecord[]; page: PageContext }) {
  if (props.records.length === 0) return <p class="empty">Nothing imported yet.</p>;
  const tz = props.page.deps.config.time_zone;

  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Import</th>
          <th scope="col">When</th>
          <th scope="col">File</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Read / imported / rejected</th>
        </tr>
      </thead>
      <tbody>
        {props.records.map((record) => (
          <tr>
            <td class="id">
              <a href={`/import?done=${record.id}`}>{record.id}</a>
            </td>
            <td>{formatDueTime(record.startedAt, tz)}</td>
            <td>{basename(record.file)}</td>
            <td>{record.kind ?? "—"}</td>
            <td>{record.status}</td>
            <td class="num">
              {record.rowsRead} / {record.rowsImported} / {record.rowsRejected}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
