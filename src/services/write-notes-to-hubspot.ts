import { CsopsError } from "../errors.js";
import type { NoteLedgerEntry } from "../storage/hubspot-ledger.js";
import { describeOutcomeNote, markOutcome } from "./describe-outcome-note.js";
import { verifyAssociation } from "./verify-association.js";
import type { WriteBackContext } from "./write-back-context.js";

/**
 * Writes each outcome logged on a task mirrored into HubSpot as a note on the company, with the
 * same ledger steps as tasks (see mirrorTasksToHubspot): claimed before it is sent, looked for
 * by its marker when an answer was lost, its association read back. One note per outcome.
 */
export async function writeNotesToHubspot(context: WriteBackContext): Promise<void> {
  for (const entry of await context.store.listNotesToWrite()) {
    try {
      await continueNote(context, entry);
    } catch (error) {
      const reason = context.fail(`note on outcome ${entry.outcomeId}`, error);
      await context.store.updateNoteLedger(entry.outcomeId, { lastError: reason }, context.now());
    }
    await context.progress();
  }
}

async function continueNote(context: WriteBackContext, entry: NoteLedgerEntry): Promise<void> {
  const { store } = context;
  const { outcomeId, outcome } = entry;
  let hubspotId = entry.hubspotId;

  if (entry.state === undefined) {
    const claim = { outcomeId, taskId: outcome.taskId, companyId: outcome.customerId };
    if (await store.claimNote({ ...claim, now: context.now() })) await createNote(context, entry);
    return;
  }
  if (entry.state === "pending" || entry.state === "failed") {
    const claimedAt = entry.claimedAt ?? 0;
    if (entry.state === "pending") {
      if (context.now() - claimedAt < context.settleSeconds) return;
      hubspotId = await findCreated(context, entry);
    }
    if (hubspotId === undefined) {
      const from = { state: entry.state, claimedAt };
      if (await store.reclaimNote({ outcomeId, from, now: context.now() })) {
        await createNote(context, entry);
      }
      return;
    }
  }
  if (hubspotId !== undefined) await verifyNote(context, entry, hubspotId);
}

async function createNote(context: WriteBackContext, entry: NoteLedgerEntry): Promise<void> {
  const { outcome } = entry;
  const association = await context.associationTypeOf("notes").catch(async (error: unknown) => {
    // Nothing was sent: the next write-back may send it at once.
    await context.store.updateNoteLedger(entry.outcomeId, { state: "failed" }, context.now());
    throw error;
  });
  const created = await context.api.createNote({
    body: describeOutcomeNote(entry.outcomeId, outcome, entry.taskTitle),
    at: outcome.loggedAt,
    ownerId: context.ownerIdOf(outcome.loggedBy),
    companyId: outcome.customerId,
    association,
  });

  if (!("id" in created)) {
    if (!created.mayExist) {
      await context.store.updateNoteLedger(entry.outcomeId, { state: "failed" }, context.now());
      throw new CsopsError(created.code, created.failed);
    }
    const found = await findCreated(context, entry);
    if (found !== undefined) return verifyNote(context, entry, found);
    throw new CsopsError(
      "source_unavailable",
      `${created.failed}; it may have been created all the same, so it is looked for by its ` +
        "marker before it is sent again on a later write-back",
    );
  }

  await markCreated(context, entry, created.id);
  await verifyNote(context, entry, created.id);
}

async function findCreated(context: WriteBackContext, entry: NoteLedgerEntry) {
  const [found] = await context.api.findByMarker("notes", {
    marker: markOutcome(entry.outcomeId),
    at: entry.outcome.loggedAt,
  });
  if (found !== undefined) await markCreated(context, entry, found);

  return found;
}

async function markCreated(context: WriteBackContext, entry: NoteLedgerEntry, hubspotId: string) {
  await context.store.updateNoteLedger(
    entry.outcomeId,
    { state: "created", hubspotId, createdAt: context.now(), lastError: null },
    context.now(),
  );
  context.report.notes += 1;
}

async function verifyNote(context: WriteBackContext, entry: NoteLedgerEntry, hubspotId: string) {
  const outcome = await verifyAssociation(context, "notes", hubspotId, entry.outcome.customerId);
  // A note deleted in HubSpot by a person is not written again.
  await context.store.updateNoteLedger(
    entry.outcomeId,
    { associationVerified: true, lastError: outcome === "gone" ? "deleted in HubSpot" : null },
    context.now(),
  );
}
