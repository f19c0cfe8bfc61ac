import { beforeAll, describe, expect, it } from "vitest";

import type { OutcomeWriteBack } from "../../services/write-back-after-outcome.js";
import { describeEachDatabase } from "../../storage/test-databases.js";
import { at, createClient, createTestApp, seedWebStore } from "../web-test-kit.js";
import { findNext } from "./task-routes.js";

const OUTCOME = {
  contact: "reached",
  issue: "payment",
  result: "follow_up",
  follow_up_on: "2026-12-10",
};

/** Counts the write-backs the app asks for. */
function countingWriteBack(): OutcomeWriteBack & { requests: number } {
  const writeBack = {
    requests: 0,
    request: () => {
      writeBack.requests += 1;
    },
    settled: () => Promise.resolve(),
  };
  return writeBack;
}

describeEachDatabase("the task page and the outcome form", (database) => {
  beforeAll(() => seedWebStore(database.store));

  it("shows the context a CS person needs before calling", async () => {
    const { app } = createTestApp(database.store);
    const page = await createClient(app).get("/tasks/T-1001");

    expect(page.status).toBe(200);
    for (const text of [
      "URGENT: Call &lt;script&gt;alert(1)&lt;/script&gt;",
      "Payment failed: yes",
      "Days to renewal: 38 (rule: ≤ 60)",
      "Sunday 10 January 2027 (in 38 days)",
      "Monday 30 November 2026 (3 days ago)",
      "<dt>Logins in 30 days</dt><dd>10 (medium usage)</dd>",
      "<dt>Features used in 30 days</dt><dd>3</dd>",
      "<dt>Plan</dt><dd>Standard</dd>",
      "<dt>Support tickets in 30 days</dt><dd>0</dd>",
      "<dt>Payment</dt><dd>failed</dd>",
      "<dt>Owner</dt><dd>Alex Morgan</dd>",
      "What happened?",
      "Follow-up date",
    ]) {
      expect(page.html).toContain(text);
    }
    expect(page.html).not.toContain("<script>alert(1)");
    // Nobody picked in the demo's "you are" box: the form asks who logs it.
    expect(page.html).toContain('name="logged_by"');
  });

  it("asks again, changing nothing, when a choice is missing or the date is past", async () => {
    const writeBack = countingWriteBack();
    const { app } = createTestApp(database.store, { outcomeWriteBack: writeBack });
    const client = createClient(app);
    await client.get("/tasks/T-1001");

    const missing = await client.post("/tasks/T-1001/outcome", {
      contact: "reached",
      issue: "payment",
      logged_by: "Alex Morgan",
    });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain("Choose what you did");
    expect(missing.html).toContain('value="reached" required="" data-key="r" checked=""');

    const past = await client.post("/tasks/T-1001/outcome", {
      ...OUTCOME,
      follow_up_on: "2026-12-02",
      logged_by: "Alex Morgan",
    });
    expect(past.status).toBe(422);
    expect(past.html).toMatch(/follow-up date .*2026-12-02/i);
    expect(await database.store.listOutcomesOf("100001")).toEqual([]);
    expect(writeBack.requests).toBe(0);
  });

  it("refuses a form without this browser's token or from another site", async () => {
    const { app } = createTestApp(database.store);
    const client = createClient(app);
    await client.get("/tasks/T-1001");
    const fields = { ...OUTCOME, logged_by: "Alex Morgan" };

    const forged = await client.post("/tasks/T-1001/outcome?owner=all", fields, {
      token: "x".repeat(43),
    });
    expect(forged.status).toBe(403);
    const crossSite = await client.post("/tasks/T-1001/outcome", fields, {
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await client.post("/tasks/T-1001/outcome", fields, { origin: null });
    expect(noOrigin.status).toBe(403);
    expect(await database.store.listOutcomesOf("100001")).toEqual([]);

    // Each refusal is a page that says why and leads back to the task, to reload it.
    for (const page of [forged, crossSite, noOrigin]) {
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.html).toContain("The form has expired or did not come from csops");
    }
    expect(forged.html).toContain('<a href="/tasks/T-1001?owner=all">Back to the page');
    expect(crossSite.html).toContain('<a href="/tasks/T-1001">Back to the page');
  });

  it("logs a follow-up, records who logged it and opens the next task", async () => {
    const writeBack = countingWriteBack();
    const { app } = createTestApp(database.store, { outcomeWriteBack: writeBack });
    const client = createClient(app);
    await client.get("/tasks/T-1001?owner=all");

    const saved = await client.post("/tasks/T-1001/outcome?owner=all", {
      ...OUTCOME,
      note: "Card expired; new one by Tuesday",
      logged_by: "Alex Morgan",
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/tasks/T-1002?owner=all&logged=T-1001");
    // HubSpot hears of it now (in the background), when the write-back is on.
    expect(writeBack.requests).toBe(1);

    const next = await client.get(saved.location ?? "");
    expect(next.html).toContain("Derras Real Estate");
    expect(next.html).toMatch(
      /Saved on T-1001 \(&lt;script&gt;alert\(1\)&lt;\/script&gt;\): reached · payment · follow-up needed on Thu 10 Dec \(T-\d+\), by Alex Morgan\./,
    );
    const [outcome] = await database.store.listOutcomesOf("100001");
    expect(outcome).toMatchObject({
      taskId: "T-1001",
      result: "follow_up",
      followUpOn: "2026-12-10",
      loggedBy: "Alex Morgan",
      note: "Card expired; new one by Tuesday",
    });
    // The name picked is remembered, so the next form does not ask again.
    expect(next.html).not.toContain('name="logged_by"');
    expect(next.html).toContain("Logged as Alex Morgan.");
  });

  it("shows the follow-up as later until its date, then in the queue", async () => {
    const { app, clock } = createTestApp(database.store);
    const client = createClient(app);

    const before = await client.get("/?owner=all");
    expect(before.html).toMatch(
      /Follow-ups for later days.*&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a> on Thu 10 Dec/s,
    );
    expect(before.html).not.toContain("Follow-ups</span>");

    clock.now = at("2026-12-10", 9, 30);
    const onTheDay = await client.get("/?owner=all");
    expect(onTheDay.html).toContain(
      '<span class="n">1</span> <span class="what">Follow-ups</span>',
    );
    expect(onTheDay.html).toMatch(
      /class="task-link"[^>]*>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a>.*?follow-up of T-1001/s,
    );
  });

  it("does not log an outcome twice", async () => {
    const { app } = createTestApp(database.store);
    const client = createClient(app);
    const page = await client.get("/tasks/T-1001");
    expect(page.html).toContain("This task is done");

    const again = await client.post("/tasks/T-1001/outcome", {
      ...OUTCOME,
      logged_by: "Sam Patel",
    });
    expect(again.status).toBe(409);
    expect(await database.store.listOutcomesOf("100001")).toHaveLength(1);
  });

  it("answers 404 for a task that does not exist", async () => {
    const { app } = createTestApp(database.store);
    const page = await createClient(app).get("/tasks/T-999999");

    expect(page.status).toBe(404);
    expect(page.html).toContain("There is no task T-999999.");
  });
});

describe("findNext", () => {
  it("opens the task after the one saved, skipping those gone meanwhile", () => {
    expect(findNext("T-2", ["T-1", "T-2", "T-3", "T-4"], ["T-1", "T-4"])).toBe("T-4");
  });

  it("goes back to the top after the last one, and ends when nothing is left", () => {
    expect(findNext("T-4", ["T-1", "T-4"], ["T-1"])).toBe("T-1");
    expect(findNext("T-4", ["T-4"], [])).toBeUndefined();
  });

  it("starts at the top for a task that was not on the list (a later follow-up)", () => {
    expect(findNext("T-9", ["T-1", "T-2"], ["T-1", "T-2"])).toBe("T-1");
  });
});
