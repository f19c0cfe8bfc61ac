import { sql, type Kysely, type RawBuilder } from "kysely";

import type { CalendarDate } from "../domain/dates.js";
import type { SegmentId } from "../domain/rules.js";
import type { QueueEntry, TaskKind, TaskStatus } from "../domain/tasks/index.js";
import type { DialectName } from "./dialect-differences.js";
import type { StorageTables } from "./storage-tables.js";
import type { TaskRow } from "./workflow-tables.js";

type Db = Kysely<StorageTables>;

/**
 * Which open tasks are the queue on `date`: every alert and check-in, and follow-ups from the
 * date they were asked for; one person's when `owner` is set. `precedence` is the rules'
 * segment order, the queue's first key.
 */
export interface QueueScope {
  date: CalendarDate;
  owner?: string | undefined;
  precedence: readonly SegmentId[];
}

/** Only the alerts of one segment id, or only `follow_up`s or `check_in`s. */
export type QueueNarrowing = string | undefined;

/** The queue's tasks of one kind and segment: how many, and how many are due by `weekEnd`. */
export interface QueueGroup {
  kind: TaskKind;
  segment: SegmentId;
  label: string;
  action: string;
  count: number;
  /** The lowest stored priority among them. */
  priority: number;
  dueByWeekEnd: number;
}

/** The queue counted per kind and segment, with what is due by `weekEnd` (this Sunday). */
export async function summarizeQueue(
  db: Db,
  scope: QueueScope & { weekEnd: CalendarDate },
): Promise<QueueGroup[]> {
  const rows = await sql<{
    kind: string;
    segment: string;
    label: string;
    action: string;
    count: number | string;
    priority: number;
    due_by_week_end: number | string;
  }>`select kind, segment, max(label) as label, max(action) as action, count(*) as count,
      min(priority) as priority,
      sum(case when due_date <= ${scope.weekEnd} then 1 else 0 end) as due_by_week_end
    from tasks where ${inQueue(scope)}
    group by kind, segment`.execute(db);

  return rows.rows.map((row) => ({
    kind: row.kind as TaskKind,
    segment: row.segment as SegmentId,
    label: row.label,
    action: row.action,
    count: Number(row.count),
    priority: row.priority,
    dueByWeekEnd: Number(row.due_by_week_end),
  }));
}

/** `limit` entries of the queue in working order from `offset`, narrowed when asked. */
export async function listQueuePage(
  db: Db,
  dialect: DialectName,
  scope: QueueScope & { narrowing: QueueNarrowing; offset: number; limit: number },
): Promise<QueueEntry[]> {
  const rows = await sql<EntryRow>`select ${ENTRY_COLUMNS} from tasks
    where ${inQueue(scope)} and ${narrowedTo(scope.narrowing)}
    order by ${queueOrder(dialect, scope.precedence)}
    limit ${scope.limit} offset ${scope.offset}`.execute(db);

  return rows.rows.map(rowToEntry);
}

/**
 * The `position`-th entry (0-based) of the queue's tasks due by `weekEnd`, in working order:
 * with `position` the touchpoints left, the first that does not fit this week.
 */
export async function findDueByWeekEnd(
  db: Db,
  dialect: DialectName,
  scope: QueueScope & { weekEnd: CalendarDate; position: number },
): Promise<QueueEntry | undefined> {
  const rows = await sql<EntryRow>`select ${ENTRY_COLUMNS} from tasks
    where ${inQueue(scope)} and due_date <= ${scope.weekEnd}
    order by ${queueOrder(dialect, scope.precedence)}
    limit 1 offset ${scope.position}`.execute(db);
  const [row] = rows.rows;

  return row === undefined ? undefined : rowToEntry(row);
}

/** The ids of the whole queue in working order, narrowed when asked. */
export async function listQueueIds(
  db: Db,
  dialect: DialectName,
  scope: QueueScope & { narrowing: QueueNarrowing },
): Promise<string[]> {
  const rows = await sql<{ id: string }>`select id from tasks
    where ${inQueue(scope)} and ${narrowedTo(scope.narrowing)}
    order by ${queueOrder(dialect, scope.precedence)}`.execute(db);

  return rows.rows.map((row) => row.id);
}

/**
 * Open follow-ups asked for after `date` (not yet on the queue) and open alerts raised beside a
 * follow-up: the tasks the queue mentions beside its own, each by due time. Few at any time.
 */
export async function listQueueCompanions(
  db: Db,
  scope: { date: CalendarDate; owner?: string | undefined },
): Promise<{ upcoming: QueueEntry[]; escalations: QueueEntry[] }> {
  const owned = ownedBy(scope.owner);
  // Two queries without an ORDER BY: so both databases read them from the queue's index.
  const upcoming = await sql<EntryRow>`select ${ENTRY_COLUMNS} from tasks
    where status = 'open' and kind = 'follow_up' and due_date > ${scope.date}${owned}`.execute(db);
  const escalations = await sql<EntryRow>`select ${ENTRY_COLUMNS} from tasks
    where status = 'open' and kind = 'alert' and pending_follow_up_id is not null${owned}`.execute(
    db,
  );

  return {
    upcoming: byDueTime(upcoming.rows).map(rowToEntry),
    escalations: byDueTime(escalations.rows).map(rowToEntry),
  };
}

function byDueTime(rows: EntryRow[]): EntryRow[] {
  return rows.sort((a, b) => Number(a.due_at) - Number(b.due_at) || a.number - b.number);
}

/** ` and owner = …` for one person's tasks; nothing for the team's. */
function ownedBy(owner: string | undefined): RawBuilder<unknown> {
  return owner === undefined ? sql`` : sql` and owner = ${owner}`;
}

function inQueue(scope: QueueScope): RawBuilder<boolean> {
  const owned = ownedBy(scope.owner);

  const due = sql`(kind <> 'follow_up' or due_date <= ${scope.date})`;

  return sql<boolean>`status = 'open' and ${due}${owned}`;
}

function narrowedTo(narrowing: QueueNarrowing): RawBuilder<boolean> {
  if (narrowing === undefined) return sql<boolean>`1 = 1`;
  if (narrowing === "follow_up" || narrowing === "check_in") {
    return sql<boolean>`kind = ${narrowing}`;
  }

  return sql<boolean>`kind = 'alert' and segment = ${narrowing}`;
}

/**
 * The queue's working order, as `compareQueueOrder` in src/domain/tasks/order-queue.ts has it:
 * segment precedence as configured now, due time, contract end (unknown last), company name and
 * id, the texts compared character by character (PostgreSQL's "C" collation; SQLite's default).
 */
function queueOrder(dialect: DialectName, precedence: readonly SegmentId[]): RawBuilder<unknown> {
  const ranks = precedence.map((segment, index) => sql`when ${segment} then ${index + 1}`);
  const rank =
    ranks.length === 0
      ? sql`1`
      : sql`case segment ${sql.join(ranks, sql` `)} else ${precedence.length + 1} end`;
  const binary = dialect === "postgres" ? sql` collate "C"` : sql``;

  return sql`${rank}, due_at, case when contract_end_date is null then 1 else 0 end,
    contract_end_date${binary}, company_name${binary}, id${binary}`;
}

/** The columns the queue reads: its order, and what a row of it shows beside the company. */
const ENTRY_COLUMN_NAMES = [
  "id",
  "number",
  "customer_id",
  "kind",
  "segment",
  "label",
  "action",
  "priority",
  "due_at",
  "due_date",
  "status",
  "owner",
  "pending_follow_up_id",
  "company_name",
  "contract_end_date",
] as const;
const ENTRY_COLUMNS = sql.raw(ENTRY_COLUMN_NAMES.join(", "));

/** pg returns a `bigint` such as `due_at` as text. */
type EntryRow = Omit<Pick<TaskRow, (typeof ENTRY_COLUMN_NAMES)[number]>, "due_at"> & {
  due_at: number | string;
};

function rowToEntry(row: EntryRow): QueueEntry {
  const entry: QueueEntry = {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind as TaskKind,
    segment: row.segment as SegmentId,
    label: row.label,
    action: row.action,
    priority: row.priority,
    dueAt: Number(row.due_at),
    dueDate: row.due_date,
    status: row.status as TaskStatus,
    context: { companyName: row.company_name },
  };
  if (row.contract_end_date !== null) entry.context.contractEndDate = row.contract_end_date;
  if (row.owner !== null) entry.owner = row.owner;
  if (row.pending_follow_up_id !== null) entry.pendingFollowUpId = row.pending_follow_up_id;

  return entry;
}
