import { afterAll, beforeAll, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import { addDays } from "../domain/add-days.js";
import type { CalendarDate } from "../domain/dates.js";
import { createVirtualClock, TEST_CREDENTIALS } from "../fakes/fake-test-kit.js";
import { startFakeApis, type RunningFakeApis } from "../fakes/start-fake-apis.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import { at, LOGGER, logOn, makeCustomer, RULES, seedDay } from "./daily-test-kit.js";
import { createOutcomeWriteBack } from "./write-back-after-outcome.js";
import type { WriteBackReport } from "./write-back-report.js";
import {
  createRequests,
  createScenarioHubspot,
  hubspotEnv,
  hubspotTasksOf,
  runWithWriteBack,
  storeOwners,
  WRITE_BACK_CONFIG,
} from "./write-back-test-kit.js";

const DAY0 = "2026-11-02";
const day = (n: number): CalendarDate => addDays(DAY0, n);

/** Renewing in 40 days with a failed payment: Revenue at Risk, an alert to work. */
const derras = makeCustomer({
  companyId: "20001",
  name: "Derras Real Estate",
  domain: "derras.example",
  contractEndDate: day(40),
  paymentFailed: true,
});
const hollis = makeCustomer({
  companyId: "20004",
  name: "Hollis Property Management",
  domain: "hollis.example",
  contractEndDate: day(30),
  paymentFailed: true,
});

describeEachDatabase("createOutcomeWriteBack", (t) => {
  let fakes: RunningFakeApis;

  beforeAll(async () => {
    fakes = await startFakeApis({
      business: createScenarioHubspot([derras, hollis]),
      credentials: TEST_CREDENTIALS,
    });
    await seedDay(t.store, DAY0, [derras, hollis]);
    await storeOwners(t.store);
    await runWithWriteBack(t.store, fakes, DAY0);
  });
  afterAll(() => fakes.close());

  function createWriteBack(reports: WriteBackReport[], config = WRITE_BACK_CONFIG) {
    return createOutcomeWriteBack({
      store: t.store,
      config,
      rules: RULES,
      logger: LOGGER,
      env: hubspotEnv(fakes),
      now: () => at(DAY0, 11),
      today: () => DAY0,
      clock: createVirtualClock(),
      onReport: (report) => reports.push(report),
    });
  }

  async function alertOf(companyId: string) {
    const task = (await t.store.listOpenTasks()).find(
      (open) => open.customerId === companyId && open.kind === "alert",
    );
    if (task === undefined) throw new Error(`no open alert for ${companyId}`);
    return task;
  }

  it("is off unless the write-back is", () => {
    const off = configSchema.parse({ hubspot_write_back: { enabled: false } });

    expect(createWriteBack([], off)).toBeUndefined();
  });

  it("completes the task, writes the note and creates the follow-up the same day", async () => {
    const alert = await alertOf(derras.companyId);
    expect(hubspotTasksOf(fakes, alert.id)[0]?.properties.hs_task_status).toBe("NOT_STARTED");
    await logOn(t.store, DAY0, {
      taskId: alert.id,
      contact: "reached",
      issue: "payment",
      result: "follow_up",
      followUpOn: day(7),
    });
    const reports: WriteBackReport[] = [];
    const writeBack = createWriteBack(reports);

    writeBack?.request();
    await writeBack?.settled();

    expect(reports).toMatchObject([{ tasksCreated: 1, tasksCompleted: 1, notes: 1, failed: [] }]);
    expect(hubspotTasksOf(fakes, alert.id)[0]?.properties.hs_task_status).toBe("COMPLETED");
    const followUp = (await t.store.listOpenTasks()).find(
      (open) => open.customerId === derras.companyId && open.kind === "follow_up",
    );
    expect(hubspotTasksOf(fakes, followUp?.id ?? "none")).toHaveLength(1);
    expect(fakes.hubspot.notes).toHaveLength(1);
  });

  it("answers requests made while one runs with one more write-back, writing the note once", async () => {
    const alert = await alertOf(hollis.companyId);
    const reports: WriteBackReport[] = [];
    const writeBack = createWriteBack(reports);
    const notesBefore = createRequests(fakes, "notes").length;

    await logOn(t.store, DAY0, {
      taskId: alert.id,
      contact: "voicemail",
      issue: "none",
      result: "resolved",
    });
    // Three saves in a row: the first starts a write-back, the others ask for one more after it.
    writeBack?.request();
    writeBack?.request();
    writeBack?.request();
    await writeBack?.settled();

    expect(reports).toHaveLength(2);
    expect(reports.reduce((sum, report) => sum + report.notes, 0)).toBe(1);
    expect(createRequests(fakes, "notes").length - notesBefore).toBe(1);
    expect(hubspotTasksOf(fakes, alert.id)[0]?.properties.hs_task_status).toBe("COMPLETED");
  });
});
