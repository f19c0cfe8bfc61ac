import type { Task } from "../domain/tasks/index.js";
import { CsopsError } from "../errors.js";
import type { TaskLedgerEntry } from "../storage/hubspot-ledger.js";
import { describeHubspotTask, markTask } from "./describe-hubspot-task.js";
import { verifyAssociation } from "./verify-association.js";
import type { WriteBackContext } from "./write-back-context.js";

/**
 * Mirrors csops's alert and follow-up tasks into HubSpot, each step recorded in the ledger so
 * that nothing is created twice:
 * - an open task not yet mirrored is claimed (`pending`) before its create is sent, and
 *   `created` with HubSpot's id once the answer came;
 * - a create whose answer was lost (a timeout, a crash) stays pending; once it has settled, it
 *   is looked for by its marker before any new create is sent;
 * - every created task's company association is read back, and made again if missing;
 * - a task closed in csops (outcome logged, superseded, cleared, closed) is completed.
 */
export async function mirrorTasksToHubspot(context: WriteBackContext): Promise<void> {
  for (const entry of await context.store.listOpenTaskLedger()) {
    await attempt(context, entry.taskId, () => continueEntry(context, entry));
  }
  for (const task of await context.store.listTasksToMirror()) {
    const claimed = await context.store.claimTask({
      taskId: task.id,
      companyId: task.customerId,
      now: context.now(),
    });
    if (claimed) await attempt(context, task.id, () => createTask(context, task));
  }
}

async function attempt(context: WriteBackContext, taskId: string, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    const reason = context.fail(`task ${taskId}`, error);
    await context.store.updateTaskLedger(taskId, { lastError: reason }, context.now());
  }
  await context.progress();
}

/** Takes an entry from where the last write-back left it. */
async function continueEntry(context: WriteBackContext, entry: TaskLedgerEntry): Promise<void> {
  const { store } = context;
  const isOpen = entry.task.status === "open";
  let hubspotId = entry.hubspotId;

  if (entry.state === "pending") {
    // Possibly still in flight elsewhere, or not yet searchable: leave it for later.
    if (context.now() - entry.claimedAt < context.settleSeconds) return;
    hubspotId = await findCreated(context, entry.task);
    if (hubspotId === undefined) {
      if (isOpen) await createAgain(context, entry);
      else await store.updateTaskLedger(entry.taskId, { state: "skipped" }, context.now());
      return;
    }
  } else if (entry.state === "failed") {
    if (isOpen) await createAgain(context, entry);
    else await store.updateTaskLedger(entry.taskId, { state: "skipped" }, context.now());
    return;
  }
  if (hubspotId === undefined) return;

  if (!entry.associationVerified || entry.state === "pending") {
    const ok = await verifyTaskAssociation(context, entry.taskId, hubspotId, entry.companyId);
    if (ok === "gone") return;
  }
  if (!isOpen) await completeTask(context, entry.taskId, hubspotId);
}

/** A pending create settled without an answer: HubSpot's id for it, if it was made. */
async function findCreated(context: WriteBackContext, task: Task): Promise<string | undefined> {
  const found = await context.api.findByMarker("tasks", {
    marker: markTask(task.id),
    subject: task.title,
    at: task.dueAt,
  });
  const [first, ...others] = found;
  if (first === undefined) return undefined;
  if (others.length > 0) {
    context.logger.warn({ task: task.id, kept: first, others }, "task found twice in HubSpot");
  }
  await context.store.updateTaskLedger(
    task.id,
    { state: "created", hubspotId: first, createdAt: context.now(), lastError: null },
    context.now(),
  );
  context.report.tasksCreated += 1;

  return first;
}

async function createAgain(context: WriteBackContext, entry: TaskLedgerEntry): Promise<void> {
  const from = { state: entry.state, claimedAt: entry.claimedAt };
  const claimed = await context.store.reclaimTask({
    taskId: entry.taskId,
    from,
    now: context.now(),
  });
  if (claimed) await createTask(context, entry.task);
}

async function createTask(context: WriteBackContext, task: Task): Promise<void> {
  const { store, api } = context;
  const association = await context.associationTypeOf("tasks").catch(async (error: unknown) => {
    // Nothing was sent: the next write-back may send it at once.
    await store.updateTaskLedger(task.id, { state: "failed" }, context.now());
    throw error;
  });
  const created = await api.createTask({
    ...describeHubspotTask(task),
    ownerId: context.ownerIdOf(task.owner),
    companyId: task.customerId,
    association,
  });

  if (!("id" in created)) {
    if (!created.mayExist) {
      await store.updateTaskLedger(task.id, { state: "failed" }, context.now());
      throw new CsopsError(created.code, created.failed);
    }
    // Search may already show it; if not, it stays pending and the next write-back looks again.
    if ((await findCreated(context, task)) !== undefined) return;
    throw new CsopsError(
      "source_unavailable",
      `${created.failed}; it may have been created all the same, so it is looked for by its ` +
        "marker before it is sent again on a later write-back",
    );
  }

  await store.updateTaskLedger(
    task.id,
    { state: "created", hubspotId: created.id, createdAt: context.now(), lastError: null },
    context.now(),
  );
  context.report.tasksCreated += 1;
  await verifyTaskAssociation(context, task.id, created.id, task.customerId);
}

async function verifyTaskAssociation(
  context: WriteBackContext,
  taskId: string,
  hubspotId: string,
  companyId: string,
): Promise<"verified" | "gone"> {
  const outcome = await verifyAssociation(context, "tasks", hubspotId, companyId);
  if (outcome === "gone") {
    // Deleted in HubSpot by a person: not made again, and nothing left to complete.
    await context.store.updateTaskLedger(
      taskId,
      { state: "completed", completedAt: context.now(), lastError: "deleted in HubSpot" },
      context.now(),
    );
    return "gone";
  }
  await context.store.updateTaskLedger(
    taskId,
    { associationVerified: true, lastError: null },
    context.now(),
  );

  return "verified";
}

async function completeTask(context: WriteBackContext, taskId: string, hubspotId: string) {
  const done = await context.api.completeTask(hubspotId);
  await context.store.updateTaskLedger(
    taskId,
    {
      state: "completed",
      completedAt: context.now(),
      lastError: done === "gone" ? "deleted in HubSpot" : null,
    },
    context.now(),
  );
  if (done === "completed") context.report.tasksCompleted += 1;
}
