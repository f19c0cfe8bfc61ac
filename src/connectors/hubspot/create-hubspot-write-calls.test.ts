import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { CsopsError } from "../../errors.js";
import {
  createSampleBusiness,
  createTestRequests,
  TEST_CREDENTIALS,
  TEST_SECRETS,
} from "../../fakes/fake-test-kit.js";
import { createEmptyHubspotWrites, DEFAULT_BEHAVIOUR } from "../../fakes/fake-state.js";
import { startFakeApis, type RunningFakeApis } from "../../fakes/start-fake-apis.js";
import type { RequestSettings } from "../request-settings.js";
import { createHubspotApi } from "./create-hubspot-api.js";
import type {
  CreateResult,
  HubspotApi,
  HubspotAssociationType,
  HubspotTaskInput,
} from "./hubspot-api.js";

const COMPANY = "9000000002";
const TO_COMPANY: HubspotAssociationType = { category: "HUBSPOT_DEFINED", typeId: 192 };
/** 09:00 London on 3 December 2026. */
const DUE = Date.UTC(2026, 11, 3, 9) / 1000;

let fakes: RunningFakeApis;

beforeAll(async () => {
  fakes = await startFakeApis({
    business: createSampleBusiness({ companies: 3 }),
    credentials: TEST_CREDENTIALS,
  });
});
afterAll(() => fakes.close());
afterEach(() => {
  fakes.faults.length = 0;
  fakes.requests.length = 0;
  Object.assign(fakes.hubspot, createEmptyHubspotWrites());
  fakes.behaviour = { ...DEFAULT_BEHAVIOUR };
});

function apiWith(
  requests: RequestSettings = createTestRequests(),
  accessToken: string = TEST_SECRETS.hubspot,
): HubspotApi {
  return createHubspotApi({
    accessToken,
    baseUrl: new URL(fakes.url),
    requests,
    requestsPerSecond: 10_000,
    searchRequestsPerSecond: 10_000,
  });
}

function task(overrides: Partial<HubspotTaskInput> = {}): HubspotTaskInput {
  return {
    subject: "URGENT: Call Agency 2",
    body: "Revenue at Risk: call\n\ncsops task T-1042",
    dueAt: DUE,
    priority: "HIGH",
    type: "CALL",
    ownerId: "750000001",
    companyId: COMPANY,
    association: TO_COMPANY,
    ...overrides,
  };
}

function creates(type = "tasks") {
  return fakes.requests.filter((r) => r.method === "POST" && r.url === `/crm/v3/objects/${type}`);
}

async function idOf(created: Promise<CreateResult>) {
  const result = await created;
  if (!("id" in result)) throw new Error(`expected a created object, got ${result.failed}`);
  return result.id;
}

describe("the HubSpot write-back's calls through the official client", () => {
  it("reads a company property as missing, creates it once, then reads it", async () => {
    const api = apiWith();
    const property = {
      name: "cs_segment",
      label: "CS segment",
      groupName: "companyinformation",
      type: "enumeration",
      options: [
        { value: "revenue_at_risk", label: "Revenue at Risk" },
        { value: "none", label: "No segment" },
      ],
    };

    expect(await api.readCompanyProperty("cs_segment")).toBeUndefined();
    expect(await api.createCompanyProperty(property)).toBe("created");
    expect(await api.createCompanyProperty(property)).toBe("conflict");
    expect(await api.readCompanyProperty("cs_segment")).toEqual(property);
    expect(fakes.hubspot.companyProperties.get("cs_segment")).toMatchObject({
      fieldType: "select",
      options: [
        { value: "revenue_at_risk", displayOrder: 0 },
        { value: "none", displayOrder: 1 },
      ],
    });
  });

  it("writes companies in a batch, listing those HubSpot could not write", async () => {
    fakes.hubspot.companyProperties.set("cs_segment", {
      name: "cs_segment",
      label: "CS segment",
      type: "enumeration",
      fieldType: "select",
      groupName: "companyinformation",
      options: [{ value: "none", label: "No segment" }],
    });

    const result = await apiWith().updateCompanies([
      { companyId: "9000000001", properties: { cs_segment: "none" } },
      { companyId: "9999999999", properties: { cs_segment: "none" } },
    ]);

    expect(result.updated).toEqual(["9000000001"]);
    expect(result.failed).toEqual([
      { companyId: "9999999999", reason: expect.stringContaining("may be deleted or not exist") },
    ]);
    expect(fakes.hubspot.companyValues.get("9000000001")).toEqual({ cs_segment: "none" });
  });

  it("says why a batch was refused whole: a value that is not one of the options", async () => {
    fakes.hubspot.companyProperties.set("cs_segment", {
      name: "cs_segment",
      label: "CS segment",
      type: "enumeration",
      fieldType: "select",
      groupName: "companyinformation",
      options: [{ value: "none", label: "No segment" }],
    });

    const failure = await apiWith()
      .updateCompanies([{ companyId: "9000000001", properties: { cs_segment: "vip" } }])
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(CsopsError);
    expect((failure as CsopsError).message).toMatch(
      /^HubSpot refused the request for the properties of 1 companies \(HTTP 400\): .*INVALID_OPTION/,
    );
    expect(fakes.hubspot.companyValues.size).toBe(0);
  });

  it("reads the association type from HubSpot rather than assuming 192", async () => {
    fakes.behaviour.associationTypeIds = { tasks: 5192, notes: 190 };

    expect(await apiWith().readAssociationTypes("tasks")).toEqual([
      { category: "HUBSPOT_DEFINED", typeId: 5192, label: undefined },
    ]);
  });

  it("creates a task associated with its company, with every property set", async () => {
    const api = apiWith();

    const id = await idOf(api.createTask(task()));

    expect(await api.readAssociatedCompanies("tasks", id)).toEqual([COMPANY]);
    expect(fakes.hubspot.tasks[0]?.properties).toMatchObject({
      hs_timestamp: "2026-12-03T09:00:00.000Z",
      hs_task_subject: "URGENT: Call Agency 2",
      hs_task_body: "Revenue at Risk: call\n\ncsops task T-1042",
      hs_task_status: "NOT_STARTED",
      hs_task_priority: "HIGH",
      hs_task_type: "CALL",
      hubspot_owner_id: "750000001",
    });
  });

  it("shows a task created without its association, which can then be associated", async () => {
    const api = apiWith();
    // A type id the portal does not know: HubSpot still answers 201 (hubspot-api-nodejs#376).
    const id = await idOf(
      api.createTask(task({ association: { category: "HUBSPOT_DEFINED", typeId: 204 } })),
    );

    expect(await api.readAssociatedCompanies("tasks", id)).toEqual([]);
    await api.associateWithCompany("tasks", id, COMPANY, TO_COMPANY);
    expect(await api.readAssociatedCompanies("tasks", id)).toEqual([COMPANY]);
  });

  it("does not send a create again after a timeout: the task may exist, and it does", async () => {
    const requests = createTestRequests({ timeoutMs: 150 });
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url === "/crm/v3/objects/tasks",
      delayAfterMs: 600,
    });

    const result = await apiWith(requests).createTask(task());

    expect(result).toEqual({
      failed:
        'HubSpot gave no answer within 0.2 s, 1 attempt (writing the task "URGENT: Call Agency 2")',
      mayExist: true,
      code: "source_unavailable",
    });
    await waitFor(() => creates().length === 1);
    expect(fakes.hubspot.tasks).toHaveLength(1);
    expect(requests.clock.waits).toEqual([]);
  });

  it("finds a task again by its marker, and not one whose marker only starts the same", async () => {
    const api = apiWith();
    const wanted = await idOf(api.createTask(task()));
    await idOf(api.createTask(task({ body: "csops task T-10420", subject: "Other" })));

    const found = await api.findByMarker("tasks", {
      marker: "csops task T-1042",
      subject: "URGENT: Call Agency 2",
      at: DUE,
    });

    expect(found).toEqual([wanted]);
  });

  it("finds it by its exact subject and time when the body token search finds nothing", async () => {
    const api = apiWith();
    const id = await idOf(api.createTask(task({ body: "<p>csops task T-1042</p>" })));

    const found = await api.findByMarker("tasks", {
      marker: "csops task T-1042",
      subject: "URGENT: Call Agency 2",
      at: DUE,
    });

    expect(found).toEqual([id]);
  });

  it("sends a create again after a 429: HubSpot made nothing", async () => {
    const requests = createTestRequests();
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url === "/crm/v3/objects/tasks",
      status: 429,
      headers: { "Retry-After": "2" },
      body: {
        status: "error",
        message: "ten_secondly_rolling",
        policyName: "TEN_SECONDLY_ROLLING",
      },
    });

    await idOf(apiWith(requests).createTask(task()));

    expect(requests.clock.waits).toEqual([2000]);
    expect(creates().map((r) => r.status)).toEqual([429, 201]);
    expect(fakes.hubspot.tasks).toHaveLength(1);
  });

  it("does not send a create again after a 5xx, and says it may exist", async () => {
    fakes.faults.push({
      vendor: "hubspot",
      matches: (r) => r.url === "/crm/v3/objects/tasks",
      status: 502,
      body: { status: "error", message: "bad gateway" },
    });

    const result = await apiWith().createTask(task());

    expect(result).toMatchObject({ mayExist: true });
    expect(creates()).toHaveLength(1);
  });

  it("says a refused create (an owner HubSpot does not know) cannot exist", async () => {
    const result = await apiWith().createTask(task({ ownerId: "123" }));

    expect(result).toEqual({
      failed: expect.stringMatching(/^HubSpot refused the request for the task .*HTTP 400.*123/),
      mayExist: false,
      code: "source_refused",
    });
    expect(fakes.hubspot.tasks).toEqual([]);
  });

  it("completes a task, and says so of one deleted in HubSpot", async () => {
    const api = apiWith();
    const id = await idOf(api.createTask(task()));

    expect(await api.completeTask(id)).toBe("completed");
    expect(fakes.hubspot.tasks[0]?.properties.hs_task_status).toBe("COMPLETED");
    fakes.hubspot.tasks.length = 0;
    expect(await api.completeTask(id)).toBe("gone");
  });

  it("creates a note associated with its company", async () => {
    const api = apiWith();

    const id = await idOf(
      api.createNote({
        body: "Reached; issue payment; resolved.\n\ncsops outcome 17",
        at: DUE,
        companyId: COMPANY,
        association: { category: "HUBSPOT_DEFINED", typeId: 190 },
      }),
    );

    expect(await api.readAssociatedCompanies("notes", id)).toEqual([COMPANY]);
    expect(await api.findByMarker("notes", { marker: "csops outcome 17", at: DUE })).toEqual([id]);
  });

  it("names the write scope a token lacks, without the token", async () => {
    const api = apiWith(createTestRequests(), TEST_SECRETS.hubspotReadOnly);

    const result = await api.createTask(task());

    expect(result).toEqual({
      failed: expect.stringMatching(
        /^HubSpot's access token may not write the task .*\(HTTP 403: .*\); give the private app the scope crm\.objects\.contacts\.write$/,
      ),
      mayExist: false,
      code: "source_unavailable",
    });
    expect(JSON.stringify(result)).not.toContain(TEST_SECRETS.hubspotReadOnly);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
