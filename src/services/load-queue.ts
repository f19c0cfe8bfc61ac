import type { Config } from "../config/config-schema.js";
import type { CalendarDate } from "../domain/dates.js";
import type { Rules } from "../domain/rules.js";
import {
  countsByAction,
  orderQueue,
  planCapacity,
  type ActionCount,
  type CapacityFit,
  type CapacityPlan,
  type Task,
} from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import type { Store } from "../storage/store.js";

export interface QueueItem {
  task: Task;
  /** `over_capacity`: due this week and beyond what the week's touchpoints allow. */
  fit: CapacityFit;
  /** An escalation raised beside a pending follow-up: that follow-up, to check first. */
  pendingFollowUp?: Task | undefined;
  /** A follow-up with an escalation open beside it: that alert. */
  escalatedBy?: Task | undefined;
}

/** Today's work for the team or one person, in order, with what fits this week. */
export interface Queue {
  date: CalendarDate;
  owner?: string | undefined;
  /** The header: one line per alert segment in precedence order, then follow-ups, check-ins. */
  counts: ActionCount[];
  items: QueueItem[];
  capacity: Omit<CapacityPlan, "items">;
  /** Follow-ups asked for a later date: not today's work, listed so nothing seems lost. */
  upcomingFollowUps: Task[];
}

export interface LoadQueueOptions {
  store: Store;
  config: Config;
  rules: Rules;
  /** One CS person's tasks (a configured name, any case); the whole team's when absent. */
  owner?: string | undefined;
}

/**
 * The queue on `date`: every open alert and check-in (work the run has put on the list, due
 * today or later this week), and follow-ups from the date they were asked for. A follow-up
 * for a later date waits in `upcomingFollowUps`, unless an escalation is open beside it, which
 * shows it. Ordered by segment precedence, then due time, then days to renewal. Capacity is the
 * team's touchpoints a week (`team.capacity_per_week`) minus the outcomes logged this week
 * (Monday to Sunday); for one person, an even share of it and their own outcomes.
 */
export async function loadQueue(date: CalendarDate, options: LoadQueueOptions): Promise<Queue> {
  const { store, config, rules } = options;
  const owner = findPersonOrFail(options.owner, config);
  const open = await store.listOpenTasks({ owner });

  const isToday = (task: Task) => task.kind !== "follow_up" || task.dueDate <= date;
  const ordered = orderQueue(open.filter(isToday), rules);
  const upcoming = open.filter((task) => !isToday(task));

  const week = planCapacity([], 0, 0, date).week;
  const doneThisWeek = await store.countOutcomes({ ...week, owner });
  const plan = planCapacity(ordered, capacityOf(config, owner), doneThisWeek, date);
  const byId = new Map(open.map((task) => [task.id, task]));
  const escalations = new Map(
    open.flatMap((task) =>
      task.kind === "alert" && task.pendingFollowUpId !== undefined
        ? [[task.pendingFollowUpId, task] as const]
        : [],
    ),
  );

  const { items, ...capacity } = plan;
  return {
    date,
    owner,
    counts: countsByAction(ordered),
    items: items.map(({ task, fit }) => ({
      task,
      fit,
      pendingFollowUp:
        task.pendingFollowUpId === undefined ? undefined : byId.get(task.pendingFollowUpId),
      escalatedBy: escalations.get(task.id),
    })),
    capacity,
    upcomingFollowUps: upcoming.filter((task) => !escalations.has(task.id)),
  };
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
