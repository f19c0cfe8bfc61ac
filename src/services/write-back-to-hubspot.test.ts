import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

import { addDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import type { Task } from "../domain/tasks/index.js";
import {
  createCapturingLogger,
  createVirtualClock,
  TEST_CREDENTIALS,
  TEST_SECRETS,
} from "../fakes/fake-test-kit.js";
import { DEFAULT_BEHAVIOUR } from "../fakes/fake-state.js";
import { startFakeApis, type RunningFakeApis } from "../fakes/start-fake-apis.js";
import { describeEachDatabase, snapshotTables } from "../storage/test-databases.js";
import { logOn, makeCustomer, seedDay, type ScenarioCustomer } from "./daily-test-kit.js";
import {
  addToHubspot,
  crashAfterCreate,
  storeOwners,
  createRequests,
  createScenarioHubspot,
  hubspotTasksOf,
  runWithWriteBack,
  writeBackOn,
} from "./write-back-test-kit.js";

const DAY0 = "2026-11-02";
const day = (n: number): CalendarDate => addDays(DAY0, n);

/** Renewing in 40 days with a failed payment: Revenue at Risk, a call (HIGH, CALL). */
const derras = makeCustomer({
  companyId: "20001",
  name: "Derras Real Estate",
  domain: "derras.example",
  contractEndDate: day(40),
  paymentFailed: true,
});
/** Sam Patel's healthy agency: Healthy & Stable, no alert. */
const bright = makeCustomer({
  companyId: "20002",
  name: "Bright Homes",
  domain: "bright.example",
  ownerName: "Sam Patel",
});
/** No login in the covered month, renewal far off: Engagement Drop, an e-mail (LOW, TODO). */
const castle = makeCustomer({
  companyId: "20003",
  name: "Castle Lettings",
  domain: "castle.example",
  loginEveryDays: undefined,
});

/** A new agency each, failing to pay: each a fresh alert to mirror. */
function newAgency(n: number): ScenarioCustomer {
  return makeCustomer({
    companyId: `2010${n}`,
    name: `New Agency ${n}`,
    domain: `new-${n}.example`,
    contractEndDate: day(45),
    paymentFailed: true,
  });
}

describeEachDatabase("writeBackToHubspot", (t) => {
  let fakes: RunningFakeApis;
  const customers: ScenarioCustomer[] = [derras, bright, castle];

  beforeAll(async () => {
    fakes = await startFakeApis({
      business: createScenarioHubspot(customers),
      credentials: TEST_CREDENTIALS,
    });
  });
  afterAll(() => fakes.close());
  afterEach(() => {
    fakes.faults.length = 0;
    fakes.requests.length = 0;
    fakes.behaviour = { ...DEFAULT_BEHAVIOUR };
  });

  async function seedAndRun(
    date: CalendarDate,
    options: Parameters<typeof runWithWriteBack>[3] = {},
  ) {
    addToHubspot(fakes, customers);
    await seedDay(t.store, date, customers);
    await storeOwners(t.store);
    return runWithWriteBack(t.store, fakes, date, options);
  }

  async function openTaskOf(customer: ScenarioCustomer): Promise<Task> {
    const task = (await t.store.listOpenTasks()).find(
      (t) => t.customerId === customer.companyId && t.kind !== "check_in",
    );
    if (task === undefined) throw new Error(`no open task for ${customer.name}`);
    return task;
  }

  it("mirrors the run's alerts as associated HubSpot tasks and writes every segment", async () => {
    const summary = await seedAndRun(DAY0);

    expect(summary.hubspotWriteBack).toEqual({
      tasksCreated: 2,
      tasksCompleted: 0,
      associationsRepaired: 0,
      notes: 0,
      segments: 3,
      failed: [],
    });
    expect(fakes.hubspot.companyProperties.get("cs_segment")?.options.map((o) => o.value)).toEqual([
      "revenue_at_risk",
      "onboarding_stuck",
      "engagement_drop",
      "expansion_opportunity",
      "healthy_stable",
      "data_gap",
      "none",
    ]);
    expect(Object.fromEntries(fakes.hubspot.companyValues)).toEqual({
      "20001": { cs_segment: "revenue_at_risk" },
      "20002": { cs_segment: "healthy_stable" },
      "20003": { cs_segment: "engagement_drop" },
    });

    const alert = await openTaskOf(derras);
    const [mirrored] = hubspotTasksOf(fakes, alert.id);
    expect(hubspotTasksOf(fakes, alert.id)).toHaveLength(1);
    expect(mirrored?.associations).toEqual([{ companyId: "20001", typeId: 192 }]);
    expect(mirrored?.properties).toMatchObject({
      hs_task_subject: "URGENT: Call Derras Real Estate",
      hs_timestamp: new Date(alert.dueAt * 1000).toISOString(),
      hs_task_status: "NOT_STARTED",
      hs_task_priority: "HIGH",
      hs_task_type: "CALL",
      // Alex Morgan, found among HubSpot's owners by name.
      hubspot_owner_id: "750000001",
    });
    expect(mirrored?.properties.hs_task_body).toMatch(
      /^Revenue at Risk: call, due 2026-11-03\.\n\nWhy:\n- days_to_renewal = 40 \(<= 60\)\n- payment_failed = true.*\n\nContext as of 2026-11-02:\n- Renewal: 2026-12-12 \(in 40 days\)\n/s,
    );
    const email = hubspotTasksOf(fakes, (await openTaskOf(castle)).id)[0];
    expect(email?.properties).toMatchObject({ hs_task_priority: "LOW", hs_task_type: "TODO" });
  });

  it("creates and writes nothing again when the same date runs again", async () => {
    const before = fakes.hubspot.tasks.length;

    const summary = await runWithWriteBack(t.store, fakes, DAY0, { hour: 10 });

    expect(summary.hubspotWriteBack).toMatchObject({
      tasksCreated: 0,
      segments: 0,
      notes: 0,
      failed: [],
    });
    expect(fakes.hubspot.tasks).toHaveLength(before);
    const writes = fakes.requests.filter((r) => r.method !== "GET" && !r.url.endsWith("/search"));
    expect(writes).toEqual([]);
  });

  it("completes the task once an outcome is logged, and writes the outcome as one note", async () => {
    const alert = await openTaskOf(derras);
    await logOn(t.store, DAY0, {
      taskId: alert.id,
      contact: "reached",
      issue: "payment",
      result: "follow_up",
      followUpOn: day(7),
      note: "New card on Friday.",
    });

    const summary = await seedAndRun(day(1));
    const again = await runWithWriteBack(t.store, fakes, day(1), { hour: 11 });

    expect(summary.hubspotWriteBack).toMatchObject({
      tasksCreated: 1,
      tasksCompleted: 1,
      notes: 1,
      failed: [],
    });
    expect(again.hubspotWriteBack).toMatchObject({ tasksCreated: 0, tasksCompleted: 0, notes: 0 });
    expect(hubspotTasksOf(fakes, alert.id)[0]?.properties.hs_task_status).toBe("COMPLETED");
    const followUp = await openTaskOf(derras);
    expect(followUp.kind).toBe("follow_up");
    expect(hubspotTasksOf(fakes, followUp.id)[0]?.properties).toMatchObject({
      hs_task_subject: followUp.title,
      hs_task_type: "TODO",
    });
    expect(fakes.hubspot.notes).toHaveLength(1);
    expect(fakes.hubspot.notes[0]?.associations).toEqual([{ companyId: "20001", typeId: 190 }]);
    expect(fakes.hubspot.notes[0]?.properties.hs_note_body).toMatch(
      new RegExp(
        `^Outcome of ${alert.id} "URGENT: Call Derras Real Estate"\nContact: reached the customer\n` +
          `Issue: payment\nResult: follow-up needed on ${day(7)}\nNote: New card on Friday\\.\n` +
          `Logged by Alex Morgan on ${DAY0}\n\ncsops outcome \\d+$`,
      ),
    );
  });

  it("writes only the segments that changed since the last write", async () => {
    customers[1] = { ...bright, paymentFailed: true, contractEndDate: day(50) };

    const summary = await seedAndRun(day(2));

    expect(summary.hubspotWriteBack).toMatchObject({ segments: 1, tasksCreated: 1, failed: [] });
    const batches = fakes.requests.filter((r) => r.url.endsWith("/companies/batch/update"));
    expect(batches.map((r) => r.body)).toEqual([
      { inputs: [{ id: "20002", properties: { cs_segment: "revenue_at_risk" } }] },
    ]);
    // Sam Patel's task carries his configured HubSpot owner id.
    const alert = await openTaskOf(customers[1]!);
    expect(hubspotTasksOf(fakes, alert.id)[0]?.properties.hubspot_owner_id).toBe("750000002");
  });

  it("does not create a task twice when its create timed out after HubSpot made it", async () => {
    customers.push(newAgency(1));
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url === "/crm/v3/objects/tasks",
      delayAfterMs: 1500,
    });

    const summary = await seedAndRun(day(3));

    // Search already shows it: found by its marker at once, not sent again.
    const alert = await openTaskOf(newAgency(1));
    expect(summary.hubspotWriteBack).toMatchObject({ tasksCreated: 1, failed: [] });
    expect(createRequests(fakes)).toHaveLength(1);
    expect(hubspotTasksOf(fakes, alert.id)).toHaveLength(1);
    expect(await t.store.findTaskLedgerEntry(alert.id)).toEqual({
      state: "created",
      hubspotId: hubspotTasksOf(fakes, alert.id)[0]?.id,
    });
  });

  it("leaves a timed-out create pending while search lags, and finds it on the next run", async () => {
    customers.push(newAgency(2));
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url === "/crm/v3/objects/tasks",
      delayAfterMs: 1500,
    });
    // Search does not show the new task yet.
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url === "/crm/v3/objects/tasks/search",
      status: 200,
      body: { total: 0, results: [] },
    });

    const first = await seedAndRun(day(4));
    const alert = await openTaskOf(newAgency(2));
    const afterFirst = await t.store.findTaskLedgerEntry(alert.id);
    // A write-back minutes later leaves it be: the create may still be in flight elsewhere.
    const soon = await writeBackOn(t.store, fakes, day(4), { hour: 9 });
    const next = await runWithWriteBack(t.store, fakes, day(4), { hour: 12 });

    expect(first.hubspotWriteBack?.failed).toEqual([
      {
        item: `task ${alert.id}`,
        reason: expect.stringMatching(
          /^HubSpot gave no answer within 0\.5 s, 1 attempt \(writing the task .*\); it may have been created all the same, so it is looked for by its marker before it is sent again/,
        ),
      },
    ]);
    expect(afterFirst).toEqual({ state: "pending", hubspotId: undefined });
    expect(soon).toMatchObject({ tasksCreated: 0, failed: [] });
    expect(await t.store.findTaskLedgerEntry(alert.id)).toMatchObject({ state: "created" });
    expect(next.hubspotWriteBack).toMatchObject({ tasksCreated: 1, failed: [] });
    expect(createRequests(fakes)).toHaveLength(1);
    expect(hubspotTasksOf(fakes, alert.id)).toHaveLength(1);
  });

  it("finds a task whose create went through before a crash, rather than creating it again", async () => {
    customers.push(newAgency(3));

    const crashed = await seedAndRun(day(5), { store: crashAfterCreate(t.store) });
    const alert = await openTaskOf(newAgency(3));
    const pending = await t.store.findTaskLedgerEntry(alert.id);
    const resumed = await writeBackOn(t.store, fakes, day(5), { hour: 12 });

    expect(crashed.hubspotWriteBack?.failed).toEqual([
      { item: `task ${alert.id}`, reason: "failed unexpectedly: the process died here" },
    ]);
    expect(pending).toEqual({ state: "pending", hubspotId: undefined });
    expect(resumed).toMatchObject({ tasksCreated: 1, failed: [] });
    expect(createRequests(fakes)).toHaveLength(1);
    expect(hubspotTasksOf(fakes, alert.id)).toHaveLength(1);
    expect(hubspotTasksOf(fakes, alert.id)[0]?.associations).toEqual([
      { companyId: newAgency(3).companyId, typeId: 192 },
    ]);
  });

  it("associates a task HubSpot created without its association, and says so", async () => {
    customers.push(newAgency(4));
    fakes.behaviour.dropNextAssociations = 1;

    const summary = await seedAndRun(day(6));

    const alert = await openTaskOf(newAgency(4));
    expect(summary.hubspotWriteBack).toMatchObject({
      tasksCreated: 1,
      associationsRepaired: 1,
      failed: [],
    });
    expect(hubspotTasksOf(fakes, alert.id)[0]?.associations).toEqual([
      { companyId: newAgency(4).companyId, typeId: 192 },
    ]);
  });

  it("reports an association it cannot make, and makes it on the next run", async () => {
    customers.push(newAgency(5));
    fakes.behaviour.dropNextAssociations = 1;
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url.includes("/associations/companies/"),
      status: 400,
      body: { status: "error", message: "invalid association", category: "VALIDATION_ERROR" },
    });

    const first = await seedAndRun(day(7));
    const alert = await openTaskOf(newAgency(5));
    const hubspotId = hubspotTasksOf(fakes, alert.id)[0]?.id;
    const second = await runWithWriteBack(t.store, fakes, day(7), { hour: 10 });

    expect(first.hubspotWriteBack?.failed).toEqual([
      {
        item: `task ${alert.id}`,
        reason:
          `HubSpot task ${hubspotId} was created without its association with company ` +
          `${newAgency(5).companyId}, and associating it failed: HubSpot refused the request ` +
          `for the association of HubSpot tasks ${hubspotId} with company ` +
          `${newAgency(5).companyId} (HTTP 400): invalid association`,
      },
    ]);
    expect(second.hubspotWriteBack).toMatchObject({
      tasksCreated: 0,
      associationsRepaired: 1,
      failed: [],
    });
    expect(hubspotTasksOf(fakes, alert.id)).toHaveLength(1);
    expect(hubspotTasksOf(fakes, alert.id)[0]?.associations).toHaveLength(1);
  });

  it("uses the association type the portal defines, not 192", async () => {
    customers.push(newAgency(6));
    fakes.behaviour.associationTypeIds = { tasks: 5192, notes: 190 };

    const summary = await seedAndRun(day(8));

    const alert = await openTaskOf(newAgency(6));
    expect(summary.hubspotWriteBack).toMatchObject({ tasksCreated: 1, associationsRepaired: 0 });
    expect(hubspotTasksOf(fakes, alert.id)[0]?.associations).toEqual([
      { companyId: newAgency(6).companyId, typeId: 5192 },
    ]);
  });

  it("waits out a 429 on a create and creates the task once", async () => {
    customers.push(newAgency(7));
    const clock = createVirtualClock();
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url === "/crm/v3/objects/tasks",
      status: 429,
      headers: { "Retry-After": "3" },
      body: { status: "error", message: "rate limited", policyName: "TEN_SECONDLY_ROLLING" },
    });

    const summary = await seedAndRun(day(9), { clock });

    const alert = await openTaskOf(newAgency(7));
    expect(summary.hubspotWriteBack).toMatchObject({ tasksCreated: 1, failed: [] });
    expect(clock.waits).toContain(3000);
    expect(createRequests(fakes).map((r) => r.status)).toEqual([429, 201]);
    expect(hubspotTasksOf(fakes, alert.id)).toHaveLength(1);
  });

  it("never fails the run for the write-back, and writes what failed on the next run", async () => {
    customers.push(newAgency(8));

    const refused = await seedAndRun(day(10), { token: TEST_SECRETS.hubspotReadOnly });
    const alert = await openTaskOf(newAgency(8));
    const runs = await t.store.listRuns({ limit: 1 });
    const afterRefused = await t.store.findTaskLedgerEntry(alert.id);
    const retried = await runWithWriteBack(t.store, fakes, day(10), { hour: 10 });

    expect(runs[0]?.status).toBe("completed");
    expect(refused.tasks.created).toBeGreaterThan(0);
    expect(refused.hubspotWriteBack?.failed).toEqual([
      {
        item: "segment property cs_segment",
        reason: expect.stringMatching(/may not read the company property cs_segment \(HTTP 403/),
      },
      {
        item: `task ${alert.id}`,
        reason: expect.stringMatching(
          /may not write the task .*; give the private app the scope crm\.objects\.contacts\.write$/,
        ),
      },
    ]);
    expect(afterRefused).toMatchObject({ state: "failed" });
    expect(retried.hubspotWriteBack).toMatchObject({ tasksCreated: 1, failed: [] });
    expect(hubspotTasksOf(fakes, alert.id)).toHaveLength(1);
  });

  it("stops after failures in a row, and never lets the token into a log, error or table", async () => {
    const { logger, lines } = createCapturingLogger();
    const wrong = "pat-eu1-00000000-dead-beef-0000-000000000000";
    for (let n = 10; n < 16; n++) customers.push(newAgency(n));
    addToHubspot(fakes, customers);
    await seedDay(t.store, day(11), customers);

    const refused = await runWithWriteBack(t.store, fakes, day(11), { logger, token: wrong });
    const good = await runWithWriteBack(t.store, fakes, day(11), { logger, hour: 10 });

    expect(refused.hubspotWriteBack?.failed.at(-1)).toEqual({
      item: "write-back",
      reason: expect.stringMatching(
        /^stopped after 5 failures in a row with nothing written \(the last: HubSpot refused the access token \(HTTP 401\): check HUBSPOT_ACCESS_TOKEN/,
      ),
    });
    expect(good.hubspotWriteBack).toMatchObject({ tasksCreated: 6, failed: [] });
    const everything = JSON.stringify({
      lines,
      refused,
      good,
      tables: await snapshotTables(t.database),
      requests: fakes.requests,
    });
    expect(everything).toContain("HubSpot write-back failed for one item");
    for (const secret of [wrong, ...Object.values(TEST_SECRETS)]) {
      expect(everything).not.toContain(secret);
    }
  });
  it("goes on past what HubSpot refuses item by item, listing each", async () => {
    // Agencies HubSpot does not know (merged, or deleted there since the last sync).
    const unknown = [20, 21, 22, 23, 24, 25].map((n) => newAgency(n));
    customers.push(newAgency(26));
    addToHubspot(fakes, customers);
    await seedDay(t.store, day(12), [...unknown, ...customers]);

    const summary = await runWithWriteBack(t.store, fakes, day(12));

    const failed = summary.hubspotWriteBack?.failed ?? [];
    expect(failed.filter((f) => f.item.startsWith("segment of company"))).toHaveLength(6);
    expect(failed.filter((f) => f.item.startsWith("task "))).toHaveLength(6);
    expect(failed.find((f) => f.item.startsWith("task "))?.reason).toMatch(
      /HTTP 400\): Invalid association: no company 2010\d\d$/,
    );
    expect(failed.some((f) => f.item === "HubSpot write-back")).toBe(false);
    // The agency HubSpot knows got its task and segment all the same.
    expect(summary.hubspotWriteBack).toMatchObject({ tasksCreated: 1, segments: 1 });
    expect(hubspotTasksOf(fakes, (await openTaskOf(newAgency(26))).id)).toHaveLength(1);
  });
});
