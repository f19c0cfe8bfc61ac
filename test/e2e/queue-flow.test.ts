import { join } from "node:path";

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  FIXTURES,
  at,
  launchChromiumOrFail,
  photograph,
  startTestServer,
  type TestServer,
} from "./browser-kit.js";

// A CS person's morning on the 850-agency demo, in a real browser: open the queue, open a
// task, log a follow-up from the keyboard, and find it in the queue on its date. Each main
// page is photographed into docs/screenshots for the README.
const DATE = "2026-12-03";

let server: TestServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  browser = await launchChromiumOrFail();
  server = await startTestServer({ date: DATE, customers: 850, isPublic: false });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(10_000);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the CS team's morning in the browser", { timeout: 30_000 }, () => {
  let company = "";
  let taskUrl = "";

  it("opens on today's queue with the counts per action", async () => {
    await page.goto(`${server.url}/`);
    expect(await page.locator("h1").innerText()).toContain("Today's queue");
    const counts = await page.locator(".counts .count").allInnerTexts();
    expect(counts[0]).toMatch(/^\d+ Revenue at Risk\s+call$/);
    expect(await page.locator(".demo-banner").innerText()).toContain(
      "Demo mode: no sign-in on localhost.",
    );

    // "You are": the queue then opens on that person's tasks.
    await page.selectOption("#you-are", "Alex Morgan");
    // The choice submits itself and the page comes back: wait for the new page, not the old.
    await page
      .locator('select[name="owner"] option', { hasText: "My tasks" })
      .waitFor({ state: "attached" });
    expect(await page.locator('select[name="owner"] option:checked').innerText()).toBe(
      "My tasks (Alex Morgan)",
    );
    await photograph(page, "queue");
  });

  it("opens the first task from the keyboard, with its context", async () => {
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/tasks\/T-\d+/);
    taskUrl = page.url();
    company = (
      await page.locator(".facts").first().locator("xpath=preceding-sibling::h2[1]/a").innerText()
    ).trim();

    expect(await page.locator(".task-meta").innerText()).toContain("Revenue at Risk");
    for (const label of [
      "Renewal",
      "Last login",
      "Logins in 30 days",
      "Features used in 30 days",
      "Plan",
      "Support tickets in 30 days",
      "Payment",
      "Owner",
    ]) {
      expect(await page.locator(`.facts dt:text-is("${label}")`).count(), label).toBe(1);
    }
    await photograph(page, "task");
  });

  it("logs a follow-up with the keyboard alone, and the next task opens", async () => {
    const started = Date.now();
    await page.keyboard.press("r");
    await page.keyboard.press("p");
    // F shows the follow-up date, filled in a week ahead, and moves on to the note.
    await page.keyboard.press("f");
    expect(await page.locator("#follow-up-on").inputValue()).toBe("2026-12-10");
    await page.keyboard.type("Card expired; the new one comes Monday.");
    await page.keyboard.press("Control+Enter");
    await page.waitForURL(/logged=T-\d+/);
    expect(Date.now() - started).toBeLessThan(60_000);

    expect(page.url()).not.toBe(taskUrl);
    const notice = await page.locator(".notice").innerText();
    expect(notice).toContain(`(${company}): reached · payment · follow-up needed on Thu 10 Dec`);
    expect(notice).toContain("by Alex Morgan");
  });

  it("asks before marking a customer as canceling, and saves nothing when told no", async () => {
    const url = page.url().replace(/[?#].*$/, "");
    await page.keyboard.press("e");
    await page.keyboard.press("n");
    await page.keyboard.press("c");
    // The key press returns once the question is answered.
    let question = "";
    page.once("dialog", (dialog) => {
      question = dialog.message();
      void dialog.dismiss();
    });
    await page.keyboard.press("Control+Enter");
    expect(question).toContain("Mark this customer as canceling?");

    // Still the same task, nothing logged: the form is there to choose again.
    expect(page.url().replace(/[?#].*$/, "")).toBe(url);
    expect(await page.locator("form[data-outcome-form]").count()).toBe(1);
    expect(await page.locator('input[value="will_cancel"]').isChecked()).toBe(true);
  });

  it("lists the follow-up for its day, not before", async () => {
    await page.goto(`${server.url}/?owner=all`);
    expect(await page.locator(".upcoming").innerText()).toContain(company);
    expect(await page.locator("table.queue").innerText()).not.toContain("follow-up of");
  });

  it("shows the dashboard after a second morning's run", async () => {
    server.clock.now = at("2026-12-04", 9, 30);
    await server.runOn("2026-12-04");
    await page.goto(`${server.url}/dashboard`);

    expect(await page.locator("canvas[data-chart]").count()).toBe(1);
    await page.waitForFunction("document.querySelector('canvas[data-chart]').width > 0");
    expect(await page.locator(".card", { hasText: "Movements" }).innerText()).toContain(
      "since the run of Thu 3 Dec",
    );
    expect(await page.locator(".card", { hasText: "Unmatched records" }).innerText()).toMatch(
      /Stripe customers matching no customer\s+[1-9]/,
    );
    expect(await page.locator(".card", { hasText: "Outcomes this week" }).innerText()).toContain(
      "1 logged",
    );
    await photograph(page, "dashboard", { fullPage: true });
  });

  it("finds the customer, with the outcome and the segment history", async () => {
    await page.goto(`${server.url}/customers`);
    await photograph(page, "customers");
    await page.keyboard.press("/");
    await page.keyboard.type(company);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/customers\?q=/);
    await page.getByRole("link", { name: company, exact: true }).click();
    await page.waitForURL(/\/customers\/\d+/);

    expect(await page.locator("ul.outcomes").innerText()).toContain(
      "Card expired; the new one comes Monday.",
    );
    expect(await page.locator("ol.timeline li").count()).toBeGreaterThanOrEqual(1);
    await photograph(page, "customer");
  });

  it("imports a file from the browser and shows what happened to every row", async () => {
    await page.goto(`${server.url}/import`);
    await page.setInputFiles("#files", join(FIXTURES, "stripe-invoices.csv"));
    await page.locator("form.upload button[type=submit]").click();
    await page.waitForURL(/\/import\?done=\d+/);

    const result = await page.locator(".results").innerText();
    expect(result).toContain("2 rows read, 1 imported, 1 rejected.");
    expect(result).toContain("Amount Remaining");
    expect(result).toContain("n/a");
    await photograph(page, "import");
  });

  it("puts the follow-up in the queue on its date", async () => {
    server.clock.now = at("2026-12-10", 9, 30);
    await page.goto(`${server.url}/?owner=all&segment=follow_up`);

    const rows = await page.locator("table.queue tbody tr").allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(company);
    expect(rows[0]).toContain("follow-up of");
  });
});
