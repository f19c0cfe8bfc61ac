import { configSchema, type Config } from "../config/config-schema.js";
import type { CalendarDate } from "../domain/dates.js";
import { createEmptyBusiness, type FakeBusiness } from "../fakes/fake-business.js";
import { createVirtualClock, TEST_SECRETS, type VirtualClock } from "../fakes/fake-test-kit.js";
import type { RunningFakeApis } from "../fakes/start-fake-apis.js";
import type { Logger } from "../logger.js";
import type { Store } from "../storage/store.js";
import { at, LOGGER, RULES, TIME_ZONE, type ScenarioCustomer } from "./daily-test-kit.js";
import { runDay } from "./run-day.js";
import { writeBackToHubspot } from "./write-back-to-hubspot.js";

/**
 * Test support for the HubSpot write-back (used by the `*.test.ts` files beside it only): the
 * scenario customers of daily-test-kit.ts as a fake HubSpot knows them, and the daily run and
 * the write-back driven at a given hour against the fakes.
 */

/** Write-back on; no source syncs (the store is seeded directly); requests time out in 0.5 s. */
export const WRITE_BACK_CONFIG: Config = configSchema.parse({
  time_zone: TIME_ZONE,
  team: {
    cs_people: [{ name: "Alex Morgan" }, { name: "Sam Patel", hubspot_owner_id: "750000002" }],
  },
  sync: { sources: [], timeout_seconds: 0.5, max_attempts: 3 },
  hubspot_write_back: { enabled: true },
});

/** The owners HubSpot has: Alex Morgan is found by name, Sam Patel by configured id. */
export function createScenarioHubspot(customers: readonly ScenarioCustomer[]): FakeBusiness {
  const business = createEmptyBusiness(TIME_ZONE);
  business.owners = [
    { ownerId: "750000001", firstName: "Alex", lastName: "Morgan", email: "alex@csops.example" },
    { ownerId: "750000002", firstName: "Sam", lastName: "Patel", email: "sam@csops.example" },
  ];
  business.companies = customers.map((customer) => ({
    companyId: customer.companyId,
    name: customer.name,
    domain: customer.domain,
  }));

  return business;
}

/** HubSpot's owners as a sync stores them, for finding a CS person's owner id by name. */
export async function storeOwners(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    const importId = await tx.beginImport({ file: "owners.json", startedAt: 0 });
    await tx.upsertRecords(
      "hubspot_owners",
      [
        { ownerId: "750000001", name: "Alex Morgan", email: "alex@csops.example" },
        { ownerId: "750000002", name: "Sam Patel", email: "sam@csops.example" },
      ],
      importId,
    );
  });
}

/** Adds companies the fake HubSpot did not have yet. */
export function addToHubspot(fakes: RunningFakeApis, customers: readonly ScenarioCustomer[]) {
  for (const customer of customers) {
    if (fakes.business.companies.some((c) => c.companyId === customer.companyId)) continue;
    fakes.business.companies.push({
      companyId: customer.companyId,
      name: customer.name,
      domain: customer.domain,
    });
  }
}

/** HUBSPOT_ACCESS_TOKEN and HUBSPOT_BASE_URL pointing at the fakes. */
export function hubspotEnv(fakes: RunningFakeApis, token: string = TEST_SECRETS.hubspot) {
  return { HUBSPOT_ACCESS_TOKEN: token, HUBSPOT_BASE_URL: fakes.url };
}

export interface RunOptions {
  hour?: number | undefined;
  token?: string | undefined;
  store?: Store | undefined;
  logger?: Logger | undefined;
  clock?: VirtualClock | undefined;
  config?: Config | undefined;
}

/** The daily run for `date` at `hour`:00 (default 9), writing back into the fakes. */
export function runWithWriteBack(
  store: Store,
  fakes: RunningFakeApis,
  date: CalendarDate,
  options: RunOptions = {},
) {
  return runDay(date, {
    store: options.store ?? store,
    config: options.config ?? WRITE_BACK_CONFIG,
    rules: RULES,
    logger: options.logger ?? LOGGER,
    now: () => at(date, options.hour ?? 9),
    env: hubspotEnv(fakes, options.token),
    requestClock: options.clock ?? createVirtualClock(),
  });
}

/** The write-back alone (`csops writeback`) for `date` at `hour`:00. */
export function writeBackOn(
  store: Store,
  fakes: RunningFakeApis,
  date: CalendarDate,
  options: RunOptions = {},
) {
  return writeBackToHubspot({
    store,
    config: options.config ?? WRITE_BACK_CONFIG,
    rules: RULES,
    logger: options.logger ?? LOGGER,
    env: hubspotEnv(fakes, options.token),
    now: () => at(date, options.hour ?? 9),
    date,
    clock: options.clock ?? createVirtualClock(),
  });
}

/**
 * A store that fails right after HubSpot answered a create, before the ledger learns its id:
 * what a crash (the process killed, the machine off) between the two leaves behind.
 */
export function crashAfterCreate(store: Store): Store {
  return {
    ...store,
    updateTaskLedger: async (taskId, change, now) => {
      if (change.state === "created") throw new Error("the process died here");
      return store.updateTaskLedger(taskId, change, now);
    },
  };
}

/** The POSTs that create HubSpot tasks (or notes), as the fake received them. */
export function createRequests(fakes: RunningFakeApis, type: "tasks" | "notes" = "tasks") {
  return fakes.requests.filter((r) => r.method === "POST" && r.url === `/crm/v3/objects/${type}`);
}

/** The HubSpot tasks whose body names a csops task. */
export function hubspotTasksOf(fakes: RunningFakeApis, taskId: string) {
  return fakes.hubspot.tasks.filter((task) =>
    new RegExp(`csops task ${taskId}$`).test(task.properties.hs_task_body ?? ""),
  );
}
