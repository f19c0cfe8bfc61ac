import { formatShortDay } from "../../wording/format-days.js";
import type { CustomerList, CustomerQuery, RenewalWindow } from "../../services/list-customers.js";
import type { PageContext } from "../page-context.js";
import { Layout } from "./layout.js";
import { SegmentBadge, labelOfBucket } from "./segment-badge.js";

const RENEWAL_CHOICES: { value: RenewalWindow; label: string }[] = [
  { value: "30", label: "within 30 days" },
  { value: "60", label: "within 60 days" },
  { value: "90", label: "within 90 days" },
  { value: "later", label: "in more than 90 days" },
  { value: "passed", label: "already passed" },
  { value: "unknown", label: "unknown" },
];

/** Every customer, searchable and filtered by segment, owner, plan, renewal and status. */
export function CustomersPage(props: {
  page: PageContext;
  list: CustomerList;
  query: CustomerQuery;
}) {
  const { page, list, query } = props;

  return (
    <Layout page={page} title="Customers" section="customers">
      <h1>
        Customers{" "}
        <span class="sub">
          {list.total} {list.total === 1 ? "matches" : "match"}
          {list.pageCount > 1 ? `, page ${list.page} of ${list.pageCount}` : ""}
        </span>
      </h1>
      <CustomerFilters {...props} />
      {list.items.length === 0 ? (
        <p class="empty">No customer matches these filters.</p>
      ) : (
        <table class="customers">
          <thead>
            <tr>
              <th scope="col">Company</th>
              <th scope="col">Segment</th>
              <th scope="col">Owner</th>
              <th scope="col">Plan</th>
              <th scope="col">Renewal</th>
              <th scope="col">Open tasks</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr>
                <td>
                  <a href={`/customers/${encodeURIComponent(item.companyId)}`}>{item.name}</a>
                  {item.status === "canceled" ? <span class="tag">canceled</span> : null}
                  {item.isDeleted ? <span class="tag">deleted in HubSpot</span> : null}
                </td>
                <td>
                  <SegmentBadge bucket={item.shownSegment} rules={page.deps.rules} />
                  {item.shownSegment !== item.segment && item.segment !== undefined ? (
                    <span class="muted"> (resolved)</span>
                  ) : null}
                </td>
                <td>{item.assignedTo ?? "—"}</td>
                <td>{item.plan ?? "unknown"}</td>
                <td>
                  {item.contractEndDate === undefined
                    ? "unknown"
                    : `${formatShortDay(item.contractEndDate)} ${item.contractEndDate.slice(0, 4)} (${describeDays(item.daysToRenewal)})`}
                </td>
                <td class="num">{item.openTasks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pages list={list} query={query} />
    </Layout>
  );
}

function CustomerFilters(props: { page: PageContext; list: CustomerList; query: CustomerQuery }) {
  const { list, query, page } = props;

  return (
    <form class="filters" method="get" action="/customers" role="search">
      <label>
        Search{" "}
        <input
          type="search"
          name="q"
          value={query.text ?? ""}
          placeholder="name or HubSpot id"
          data-search
        />
      </label>
      <label>
        Segment{" "}
        <select name="segment" data-autosubmit>
          <option value="">Any</option>
          <optgroup label="Segments">
            {page.deps.rules.precedence.map((id) => (
              <option value={id} selected={query.segment === id}>
                {labelOfBucket(id, page.deps.rules)}
              </option>
            ))}
          </optgroup>
          <optgroup label="Buckets">
            {(["data_gap", "none"] as const).map((bucket) => (
              <option value={bucket} selected={query.segment === bucket}>
                {labelOfBucket(bucket, page.deps.rules)}
              </option>
            ))}
            <option value="unevaluated" selected={query.segment === "unevaluated"}>
              Not evaluated yet
            </option>
          </optgroup>
        </select>
      </label>
      <Choice name="owner" label="Owner" value={query.owner} options={list.choices.owners} />
      <Choice name="plan" label="Plan" value={query.plan} options={list.choices.plans} />
      <label>
        Renewal{" "}
        <select name="renewal" data-autosubmit>
          <option value="">Any time</option>
          {RENEWAL_CHOICES.map((choice) => (
            <option value={choice.value} selected={query.renewal === choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status{" "}
        <select name="status" data-autosubmit>
          <option value="">Any</option>
          <option value="active" selected={query.status === "active"}>
            Active
          </option>
          <option value="canceled" selected={query.status === "canceled"}>
            Canceled
          </option>
        </select>
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

function Choice(props: {
  name: string;
  label: string;
  value?: string | undefined;
  options: string[];
}) {
  return (
    <label>
      {props.label}{" "}
      <select name={props.name} data-autosubmit>
        <option value="">Any</option>
        {props.options.map((option) => (
          <option value={option} selected={props.value === option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

function Pages(props: { list: CustomerList; query: CustomerQuery }) {
  const { list } = props;
  if (list.pageCount <= 1) return null;
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({
      q: props.query.text,
      segment: props.query.segment,
      owner: props.query.owner,
      plan: props.query.plan,
      renewal: props.query.renewal,
      status: props.query.status,
    })) {
      if (value !== undefined) params.set(key, value);
    }
    params.set("page", String(page));
    return `/customers?${params.toString()}`;
  };

  return (
    <nav class="pages" aria-label="Pages">
      {list.page > 1 ? <a href={link(list.page - 1)}>← Previous</a> : null}
      <span>
        Page {list.page} of {list.pageCount}
      </span>
      {list.page < list.pageCount ? <a href={link(list.page + 1)}>Next →</a> : null}
    </nav>
  );
}

function describeDays(days: number | undefined): string {
  if (days === undefined) return "?";
  if (days < 0) return `${-days} d ago`;

  return `in ${days} d`;
}
