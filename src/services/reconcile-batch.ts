import type { CustomerFactsRow } from "../domain/build-facts.js";
import type { CalendarDate } from "../domain/dates.js";
import type { Decision } from "../domain/decide-segment.js";
import type { Bucket, Rules } from "../domain/rules.js";
import {
  applyResolutionChanges,
  applyTaskChanges,
  chooseShownSegment,
  reconcileCustomerTasks,
  type OwnerAssignment,
  type Resolution,
  type Task,
  type TaskSettings,
} from "../domain/tasks/index.js";
import type { CustomerState } from "../storage/customer-states.js";
import type { HistoryEntry } from "../storage/decision-history.js";
import type { StoreTx } from "../storage/store.js";
import { fingerprintDecision } from "./fingerprint-decision.js";
import { emptyTaskTally, tallyChanges, type TaskTally } from "./run-summary.js";

/** One customer as the run evaluated it. */
export interface EvaluatedCustomer {
  row: CustomerFactsRow;
  decision: Decision;
  assignment?: OwnerAssignment | undefined;
}

export interface BatchContext {
  date: CalendarDate;
  runId: number;
  rules: Rules;
  settings: TaskSettings;
  /** A day before the latest run: its decisions go into the history, the tasks stay as they are. */
  historyOnly: boolean;
}

/** What one batch did, added to the run's summary once its transaction committed. */
export interface BatchResult {
  tasks: TaskTally;
  segments: Partial<Record<Bucket, number>>;
  shownResolved: number;
  canceled: number;
  historyChanges: number;
  failures: { customerId: string; message: string }[];
}

/** What the batch will write, gathered customer by customer. */
interface BatchWrites {
  created: Task[];
  updated: Task[];
  resolutions: Resolution[];
  history: HistoryEntry[];
  assignments: { customerId: string; assignment?: OwnerAssignment | undefined }[];
}

/**
 * Reconciles a batch of customers inside one transaction: reads their CS state, open tasks,
 * latest resolution and last check-in there (so an outcome logged meanwhile is seen or makes
 * the transaction fail, never lost), applies each customer's changes with `applyTaskChanges`,
 * the reference for what a change means, and writes the difference. A customer whose rules
 * throw is reported and skipped; the rest of the batch goes on.
 */
export async function reconcileBatch(
  tx: StoreTx,
  customers: readonly EvaluatedCustomer[],
  context: BatchContext,
): Promise<BatchResult> {
  // First, so that the transaction writes from its start (see reserveTaskNumbers).
  const numbers = await tx.reserveTaskNumbers();
  const ids = customers.map((customer) => customer.row.facts.customerId);
  const states = await tx.listCustomerStates(ids);
  const openTasks = groupByCustomer(await tx.listOpenTasksOf(ids));
  const resolutions = await tx.findLatestResolutions(ids);
  const lastCheckIns = await tx.findLastCheckIns(ids);

  const result: BatchResult = {
    tasks: emptyTaskTally(),
    segments: {},
    shownResolved: 0,
    canceled: 0,
    historyChanges: 0,
    failures: [],
  };
  const writes: BatchWrites = {
    created: [],
    updated: [],
    resolutions: [],
    history: [],
    assignments: [],
  };

  for (const customer of customers) {
    const id = customer.row.facts.customerId;
    const state = states.get(id);
    if (state === undefined || !isSameAssignment(state.assignment, customer.assignment)) {
      writes.assignments.push({ customerId: id, assignment: customer.assignment });
    }
    const input = {
      customer,
      state,
      open: openTasks.get(id) ?? [],
      resolution: resolutions.get(id),
      lastCheckInOn: lastCheckIns.get(id),
    };
    try {
      reconcileCustomer(input, context, numbers.next, writes, result);
    } catch (error) {
      result.failures.push({ customerId: id, message: (error as Error).message });
    }
  }

  if (context.historyOnly) {
    result.tasks = { ...emptyTaskTally(), open: [...openTasks.values()].flat().length };
    result.historyChanges = await tx.recordDecisions(writes.history, context.date);
    return result;
  }
  await tx.saveAssignments(writes.assignments, context.date);
  await tx.insertTasks(writes.created);
  await tx.updateOpenTasks(writes.updated);
  for (const resolution of writes.resolutions) await tx.updateResolutionSignals(resolution);
  result.historyChanges = await tx.recordDecisions(writes.history, context.date);
  await numbers.save();

  return result;
}

interface CustomerInput {
  customer: EvaluatedCustomer;
  state: CustomerState | undefined;
  open: Task[];
  resolution: Resolution | undefined;
  lastCheckInOn: CalendarDate | undefined;
}

function reconcileCustomer(
  input: CustomerInput,
  context: BatchContext,
  newTaskId: () => string,
  writes: BatchWrites,
  result: BatchResult,
): void {
  const { customer, state, open, resolution } = input;
  const { date, rules, settings } = context;
  const canceled = state?.status === "canceled";
  const changes = reconcileCustomerTasks({
    runDate: date,
    customer: {
      customerId: customer.row.facts.customerId,
      status: canceled ? "canceled" : "active",
      canceledOn: state?.canceledOn,
      owner: customer.assignment?.person,
    },
    decision: customer.decision,
    facts: customer.row.facts,
    openTasks: open,
    resolution,
    lastCheckInOn: input.lastCheckInOn,
    rules,
    settings,
    newTaskId,
  });

  const after = applyTaskChanges(open, changes, date);
  collectTaskWrites(open, after, writes);
  const resolutionAfter = applyResolutionChanges(resolution, changes);
  if (resolutionAfter !== undefined && resolutionAfter !== resolution) {
    writes.resolutions.push(resolutionAfter);
  }
  tallyChanges(result.tasks, changes);
  result.tasks.open += after.filter((task) => task.status === "open").length;

  if (canceled) {
    result.canceled += 1;
    return;
  }
  const entry = buildHistoryEntry(customer, after, resolutionAfter, context);
  result.segments[entry.segment] = (result.segments[entry.segment] ?? 0) + 1;
  if (entry.shownSegment !== entry.segment) result.shownResolved += 1;
  writes.history.push(entry);
}

/** New tasks to insert, and those whose state differs from what was read to update. */
function collectTaskWrites(before: readonly Task[], after: readonly Task[], writes: BatchWrites) {
  const previous = new Map(before.map((task) => [task.id, task]));
  for (const task of after) {
    const old = previous.get(task.id);
    if (old === undefined) writes.created.push(task);
    else if (describeMutable(old) !== describeMutable(task)) writes.updated.push(task);
  }
}

/** The fields a change can alter (see updateOpenTasks); equal text means nothing to write. */
function describeMutable(task: Task): string {
  const { status, closedReason, closedOn, reasons, signals, context, owner } = task;

  return JSON.stringify([status, closedReason, closedOn, reasons, signals, context, owner]);
}

function buildHistoryEntry(
  customer: EvaluatedCustomer,
  after: readonly Task[],
  resolution: Resolution | undefined,
  context: BatchContext,
): HistoryEntry {
  const { decision, row } = customer;
  const openAlert = after.find((task) => task.kind === "alert" && task.status === "open");
  const shown = chooseShownSegment(decision, resolution, openAlert, context.date, context.settings);
  const entry: Omit<HistoryEntry, "fingerprint"> = {
    customerId: row.facts.customerId,
    validFrom: context.date,
    runId: context.runId,
    segment: decision.segment,
    shownSegment: shown.segment,
    resolvedBy: shown.resolvedBy,
    resolvedOn: shown.resolvedOn,
    label: decision.label,
    reasons: decision.reasons,
    unknown: decision.unknown,
    possibly: decision.possibly,
    facts: row.facts,
    notes: row.notes,
  };

  return { ...entry, fingerprint: fingerprintDecision(entry) };
}

function groupByCustomer(tasks: readonly Task[]): Map<string, Task[]> {
  const grouped = new Map<string, Task[]>();
  for (const task of tasks) {
    const list = grouped.get(task.customerId) ?? [];
    list.push(task);
    grouped.set(task.customerId, list);
  }

  return grouped;
}

function isSameAssignment(a: OwnerAssignment | undefined, b: OwnerAssignment | undefined) {
  return a?.person === b?.person && a?.basis === b?.basis;
}
