import type { Config } from "../config/config-schema.js";
import type { CalendarDate } from "../domain/dates.js";
import type { Rules } from "../domain/rules.js";
import {
  compareQueueOrder,
  countsByAction,
  remainingOf,
  weekAround,
  type ActionCount,
  type CapacityFit,
  type CapacityPlan,
  type QueueEntry,
  type Task,
} from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import type { QueueGroup } from "../storage/queue-queries.js";
import type { Store } from "../storage/store.js";

export interface QueueItem {
  task: Task;
  /** `over_capacity`: due this week and beyond what the week's touchpoints allow. */
  fit: CapacityFit;
  /** An escalation raised beside a pending follow-up: that follow-up, to check first. */
  pendingFollowUp?: QueueEntry | undefined;
  /** A follow-up with an escalation open beside it: that alert. */
  escalatedBy?: QueueEntry | undefined;
}

/** Today's work for the team or one person, in order, with what fits this week. */
export interface Queue {
  date: CalendarDate;
  owner?: string | undefined;
  /** The header: one line per alert segment in precedence order, then follow-ups, check-ins. */
  counts: ActionCount[];
  /** The items asked for (`page`), whole; all of them without a page. */
  items: QueueItem[];
  /** Items in the queue, narrowed to `segment` when one was asked for. */
  total: number;
  /** Where `items` start in it. */
  offset: number;
  capacity: Omit<CapacityPlan, "items">;
  /** Follow-ups asked for a later date: not today's work, listed so nothing seems lost. */
  upcomingFollowUps: QueueEntry[];
}

export interface LoadQueueOptions {
  store: Store;
  config: Config;
  rules: Rules;
  /** One CS person's tasks (a configured name, any case); the whole team's when absent. */
  owner?: string | undefined;
  /** Only the alerts of this segment id, or only `follow_up`s or `check_in`s. */
  segment?: string | undefined;
  /** The items to load whole; all of them when absent. */
  page?: { offset: number; limit: number } | undefined;
}

/**
 * The queue on `date`: every open alert and check-in (work the run has put on the list, due
 * today or later this week), and follow-ups from the date they were asked for. A follow-up
 * for a later date waits in `upcomingFollowUps`, unless an escalation is open beside it, which
 * shows it. Ordered by segment precedence, then due time, then days to renewal. Capacity is the
 * team's touchpoints a week (`team.capacity_per_week`) minus the outcomes logged this week
 * (Monday to Sunday); for one person, an even share of it and their own outcomes. The store
 * counts and orders the queue; only the page asked for is read, whole.
 */
export async function loadQueue(date: CalendarDate, options: LoadQueueOptions): Promise<Queue> {
  const { store } = options;
  const scope = scopeOf(date, options);
  const capacity = await planWeek(scope, options);
  const narrowing = options.segment;
  const page = (offset: number, limit: number) =>
    limit === 0 ? Promise.resolve([]) : store.listQueuePage({ ...scope, narrowing, offset, limit });
  // Independent reads, at once: PostgreSQL answers them on connections of their own (each
  // orders every open task), SQLite one after the other. The first page is read beside them,
  // since nearly every request asks for it.
  const asked = Math.max(0, options.page?.offset ?? 0);
  const limit = options.page?.limit;
  const [groups, firstOver, companions, guessed] = await Promise.all([
    store.summarizeQueue({ ...scope, weekEnd: capacity.week.to }),
    findFirstOverCapacity(scope, capacity, options),
    store.listQueueCompanions(scope),
    limit === undefined ? undefined : page(asked, limit),
  ]);
  const total = groups
    .filter((group) => isNarrowedTo(group, options.segment))
    .reduce((sum, group) => sum + group.count, 0);

  // A page past the end is the last one, read again; without a page, the whole queue.
  const offset = clampOffset(options.page, total);
  const entries =
    guessed !== undefined && offset === asked ? guessed : await page(offset, limit ?? total);
  const { upcoming, escalations } = companions;
  const wanted = entries.flatMap((entry) =>
    entry.pendingFollowUpId === undefined ? [entry.id] : [entry.id, entry.pendingFollowUpId],
  );
  const whole = new Map((await store.findTasks(wanted)).map((task) => [task.id, task]));
  const escalationOf = new Map(escalations.map((alert) => [alert.pendingFollowUpId, alert]));

  return {
    date,
    owner: scope.owner,
    counts: countsByAction(groups),
    items: entries.flatMap((entry) => {
      const task = whole.get(entry.id);
      if (task === undefined) return [];
      return [
        {
          task,
          fit: fitOf(entry, capacity.week.to, firstOver, options.rules),
          pendingFollowUp: openTask(whole, entry.pendingFollowUpId, scope.owner),
          escalatedBy: escalationOf.get(entry.id),
        },
      ];
    }),
    total,
    offset,
    capacity: { ...capacity, counts: countFits(groups, capacity.remaining) },
    upcomingFollowUps: upcoming.filter((followUp) => !escalationOf.has(followUp.id)),
  };
}

/** The task with that id if it is open, and one person's when the queue is theirs. */
function openTask(
  tasks: ReadonlyMap<string, Task>,
  id: string | undefined,
  owner: string | undefined,
): Task | undefined {
  const task = id === undefined ? undefined : tasks.get(id);
  const inScope = owner === undefined || task?.owner === owner;

  return task?.status === "open" && inScope ? task : undefined;
}

/** The ids of the queue's items in order, narrowed to `segment` when one is asked for. */
export async function listQueueIds(
  date: CalendarDate,
  options: Omit<LoadQueueOptions, "page">,
): Promise<string[]> {
  return options.store.listQueueIds({
    ...scopeOf(date, options),
    narrowing: options.segment,
  });
}

/** What the queue's week looks like, without reading any task. */
export async function planQueueCapacity(
  date: CalendarDate,
  options: Omit<LoadQueueOptions, "page" | "segment">,
): Promise<Queue["capacity"]> {
  const scope = scopeOf(date, options);
  const capacity = await planWeek(scope, options);
  const groups = await options.store.summarizeQueue({ ...scope, weekEnd: capacity.week.to });

  return { ...capacity, counts: countFits(groups, capacity.remaining) };
}

type Scope = { date: CalendarDate; owner?: string | undefined; precedence: Rules["precedence"] };

function scopeOf(date: CalendarDate, options: Omit<LoadQueueOptions, "page">): Scope {
  const owner = findPersonOrFail(options.owner, options.config);

  return { date, owner, precedence: options.rules.precedence };
}

/** This week (Monday to Sunday), its touchpoints and those done and left. */
async function planWeek(scope: Scope, options: Omit<LoadQueueOptions, "page">) {
  const week = weekAround(scope.date);
  const doneThisWeek = await options.store.countOutcomes({ ...week, owner: scope.owner });
  const capacityPerWeek = capacityOf(options.config, scope.owner);

  return {
    week,
    capacityPerWeek,
    doneThisWeek,
    remaining: remainingOf(capacityPerWeek, doneThisWeek),
  };
}

/**
 * The first task due this week that the touchpoints left do not cover: the week's tasks take
 * them in queue order. Undefined when every task due this week fits.
 */
async function findFirstOverCapacity(
  scope: Scope,
  capacity: { week: { to: CalendarDate }; remaining: number },
  options: Omit<LoadQueueOptions, "page">,
): Promise<QueueEntry | undefined> {
  return options.store.findDueByWeekEnd({
    ...scope,
    weekEnd: capacity.week.to,
    position: capacity.remaining,
  });
}

function fitOf(
  entry: QueueEntry,
  weekEnd: CalendarDate,
  firstOver: QueueEntry | undefined,
  rules: Rules,
): CapacityFit {
  if (entry.dueDate > weekEnd) return "later";
  if (firstOver === undefined) return "this_week";

  return compareQueueOrder(entry, firstOver, rules) < 0 ? "this_week" : "over_capacity";
}

/** How many of the queue fit this week, do not, or are due later. */
function countFits(groups: readonly QueueGroup[], remaining: number): Record<CapacityFit, number> {
  const due = groups.reduce((sum, group) => sum + group.dueByWeekEnd, 0);
  const all = groups.reduce((sum, group) => sum + group.count, 0);
  const fitting = Math.min(due, remaining);

  return { this_week: fitting, over_capacity: due - fitting, later: all - due };
}

/** Whether a group's tasks are those of one alert segment, or of the follow-ups or check-ins. */
function isNarrowedTo(group: QueueGroup, wanted: string | undefined): boolean {
  if (wanted === undefined) return true;

  return wanted === "follow_up" || wanted === "check_in"
    ? group.kind === wanted
    : group.kind === "alert" && group.segment === wanted;
}

/** Where the page starts; a page past the end is the last page. */
function clampOffset(page: LoadQueueOptions["page"], total: number): number {
  if (page === undefined || total === 0) return 0;
  if (page.offset < total) return Math.max(0, page.offset);
  const limit = Math.max(1, page.limit);

  return Math.floor((total - 1) / limit) * limit;
}

/** The configured spelling of a CS person's name; a name nobody has is a mistake, not a filter. */
function findPersonOrFail(name: string | undefined, config: Config): string | undefined {
  if (name === undefined) return undefined;
  const wanted = name.trim().toLowerCase();
  const person = config.team.cs_people.find((p) => p.name.trim().toLowerCase() === wanted);
  if (person !== undefined) return person.name;

  const names = config.team.cs_people.map((p) => p.name).join(", ");
  throw new CsopsError(
    "usage",
    `"${name}" is not a configured CS person; expected one of: ${names || "(none configured)"}`,
  );
}

/** The team's weekly touchpoints, or one person's even share of them. */
function capacityOf(config: Config, owner: string | undefined): number {
  const team = config.team.capacity_per_week;
  if (owner === undefined) return team;

  return Math.floor(team / Math.max(1, config.team.cs_people.length));
}
