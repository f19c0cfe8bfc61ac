import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addUser } from "../../src/services/add-user.js";
import {
  at,
  launchChromiumOrFail,
  photograph,
  startTestServer,
  type TestServer,
} from "./browser-kit.js";

// Bound off localhost (0.0.0.0), nothing is served without signing in; once signed in, every
// outcome records who logged it.
const DATE = "2026-12-03";
const PAT = {
  name: "Pat Admin",
  email: "pat@agency-saas.example",
  role: "admin",
  password: "correct horse battery",
};

let server: TestServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  browser = await launchChromiumOrFail();
  server = await startTestServer({ date: DATE, customers: 120, isPublic: true });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(10_000);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("signing in off localhost", { timeout: 30_000 }, () => {
  it("shows nothing but the sign-in page, which says how to create the first user", async () => {
    await page.goto(`${server.url}/customers`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.locator("main").innerText()).toContain("Nobody can sign in yet.");
    expect(await page.locator("nav").count()).toBe(0);

    const health = await page.request.get(`${server.url}/health`);
    expect(health.status()).toBe(200);
  });

  it("signs in with the keyboard and goes on to the page asked for", async () => {
    await addUser(PAT, { store: server.store, now: () => at(DATE, 8) });
    await page.goto(`${server.url}/customers`);
    expect(await page.locator("main").innerText()).not.toContain("Nobody can sign in yet.");
    // The e-mail field has the focus: a person starts typing at once.
    await page.waitForFunction("document.activeElement?.id === 'email'");
    await page.keyboard.type(PAT.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type("not the password");
    await page.keyboard.press("Enter");
    await page.waitForLoadState();
    expect(await page.locator(".notice").innerText()).toBe("The e-mail or the password is wrong.");
    await photograph(page, "sign-in");

    await page.fill("#password", PAT.password);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/customers`);
    expect(await page.locator(".who").innerText()).toContain("Pat Admin (admin)");
    expect(await page.locator(".demo-banner").count()).toBe(0);
  });

  it("records the signed-in person on every outcome", async () => {
    await page.goto(`${server.url}/`);
    await page.locator("table.queue a.task-link").first().click();
    await page.waitForURL(/\/tasks\/T-\d+/);
    const taskId = /\/tasks\/(T-\d+)/.exec(page.url())?.[1] ?? "";
    expect(await page.locator("form.outcome").innerText()).toContain("Logged as Pat Admin.");

    await page.keyboard.press("v");
    await page.keyboard.press("n");
    await page.keyboard.press("s");
    await page.keyboard.press("Control+Enter");
    await page.waitForURL(/logged=T-\d+/);

    const task = await server.store.findTask(taskId);
    const outcomes = await server.store.listOutcomesOf(task?.customerId ?? "");
    expect(outcomes[0]).toMatchObject({
      taskId,
      contact: "voicemail",
      result: "resolved",
      loggedBy: "Pat Admin",
    });
  });

  it("signs out, and the pages are closed again", async () => {
    await page.locator(".who button").click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(`${server.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
  });
});

describe("a form sent after the session ended", { timeout: 30_000 }, () => {
  it("saves nothing, and signing in again goes back to the task", async () => {
    await page.goto(`${server.url}/sign-in`);
    await page.fill("#email", PAT.email);
    await page.fill("#password", PAT.password);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/`);
    await page.locator("table.queue a.task-link").first().click();
    await page.waitForURL(/\/tasks\/T-\d+/);
    const taskUrl = page.url();
    const task = await server.store.findTask(/\/tasks\/(T-\d+)/.exec(taskUrl)?.[1] ?? "");
    const before = await server.store.listOutcomesOf(task?.customerId ?? "");

    // Signed out in another tab while the outcome form is filled in on this one.
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/`);
    await other.locator(".who button").click();
    await other.waitForURL(/\/sign-in$/);
    await other.close();
    await page.keyboard.press("r");
    await page.keyboard.press("u");
    await page.keyboard.press("s");
    await page.keyboard.press("Control+Enter");
    await page.waitForLoadState();

    expect(await page.locator(".notice").innerText()).toContain("You are signed out");
    expect(await server.store.listOutcomesOf(task?.customerId ?? "")).toEqual(before);
    await page.fill("#email", PAT.email);
    await page.fill("#password", PAT.password);
    await page.keyboard.press("Enter");
    // Back on the task as it was opened, filter and all: the form's page, from the Referer.
    await page.waitForURL(taskUrl);
  });
});
