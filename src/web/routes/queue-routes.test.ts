import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importExports } from "../../services/import-exports.js";
import { logOutcome } from "../../services/log-outcome.js";
import { runDay } from "../../services/run-day.js";
import type { Store } from "../../storage/store.js";
import {
  DATE,
  FIXTURES,
  LOGGER,
  RULES,
  WEB_CONFIG,
  at,
  createClient,
  createTestApp,
  openSqliteStore,
  seedWebStore,
} from "../web-test-kit.js";

let store: Store;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, close } = await openSqliteStore());
  await seedWebStore(store);
});
afterAll(() => close());

/** The company names in the queue table, in order. */
function companiesIn(html: string): string[] {
  const table = html.slice(html.indexOf('<table class="queue">'), html.indexOf("</table>"));
  return [...table.matchAll(/class="task-link" href="[^"]*">([^<]*)</g)].map((m) => m[1] ?? "");
}

describe("GET / (today's queue)", () => {
  it("leads with the counts per action, then the tasks in working order", async () => {
    const { app } = createTestApp(store);
    const page = await createClient(app).get("/");

    expect(page.status).toBe(200);
    const counts = [
      ...page.html.matchAll(
        /<span class="n">(\d+)<\/span> <span class="what">([^<]+)<\/span> <span class="action">([^<]+)</g,
      ),
    ].map((m) => `${m[1]} ${m[2]} (${m[3]})`);
    expect(counts).toEqual([
      "2 Revenue at Risk (call)",
      "1 Onboarding Stuck (training call)",
      "1 Engagement Drop (re-engagement email)",
      "1 Expansion Opportunity (upsell conversation)",
    ]);
    // Precedence, then due, then days to renewal: the renewal in 38 days before the one in 48.
    expect(companiesIn(page.html)).toEqual([
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "Derras Real Estate",
      "Fresh Start Homes",
      "Harbour View Lettings",
      "Kestrel Homes",
    ]);
    expect(page.html).toContain("renews in 38 d, payment failed");
    expect(page.html).toContain("4 due this week, 1 later");
    // The upsell is due in 7 days, after Sunday: not this week's work.
    expect(page.html).toMatch(
      /<tr class="later"><td class="id">T-\d+<\/td><td><a class="task-link"[^>]*>Kestrel Homes/,
    );
  });

  it("shows a company named <script> as text, never as markup", async () => {
    const { app } = createTestApp(store);
    const page = await createClient(app).get("/");

    expect(page.html).not.toContain("<script>alert(1)");
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("narrows to one person's tasks and to one segment", async () => {
    const { app } = createTestApp(store);
    const client = createClient(app);

    const sams = await client.get("/?owner=Sam%20Patel");
    expect(companiesIn(sams.html)).toEqual([
      "Derras Real Estate",
      "Fresh Start Homes",
      "Kestrel Homes",
    ]);
    expect(sams.html).toContain("Sam Patel&#39;s tasks");

    const risk = await client.get("/?owner=all&segment=revenue_at_risk");
    expect(companiesIn(risk.html)).toEqual([
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "Derras Real Estate",
    ]);
    // Task links carry the filter, so the next task after saving comes from the same list.
    expect(risk.html).toMatch(/href="\/tasks\/T-\d+\?owner=all&amp;segment=revenue_at_risk"/);
  });

  it("opens a CS person's own tasks first once they said who they are", async () => {
    const { app } = createTestApp(store);
    const client = createClient(app);
    await client.get("/");
    const picked = await client.post("/you-are", { name: "Alex Morgan", back: "/" });
    expect(picked.status).toBe(303);

    const page = await client.get("/");
    expect(page.html).toContain("My tasks (Alex Morgan)");
    expect(companiesIn(page.html)).toEqual([
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "Harbour View Lettings",
    ]);
  });

  it("marks what does not fit this week's capacity", async () => {
    const full = await createClient(createTestApp(store).app).get("/");
    expect(full.html).not.toContain("over capacity</span>");
    expect(full.html).toContain("everything due this week fits");

    // A team that can make two touchpoints a week: the third task due this week does not fit.
    const config = { ...WEB_CONFIG, team: { ...WEB_CONFIG.team, capacity_per_week: 2 } };
    const page = await createClient(createTestApp(store, { config }).app).get("/");
    const over = [...page.html.matchAll(/<tr class="over">.*?class="task-link"[^>]*>([^<]+)</g)];
    expect(over.map((m) => m[1])).toEqual(["Fresh Start Homes", "Harbour View Lettings"]);
    expect(page.html).toContain("2 do not fit this week");
  });

  it("says so before the first run, rather than showing an empty list", async () => {
    const empty = await openSqliteStore();
    try {
      const { app } = createTestApp(empty.store, { clock: { now: at(DATE, 8) } });
      const page = await createClient(app).get("/");
      expect(page.html).toContain("No daily run yet, so no tasks.");
    } finally {
      await empty.close();
    }
  });

  it("refuses a person nobody configured, in words", async () => {
    const { app } = createTestApp(store);
    const page = await createClient(app).get("/?owner=Nobody");

    expect(page.status).toBe(400);
    expect(page.html).toContain("&quot;Nobody&quot; is not a configured CS person");
  });
});

describe("an escalation beside a pending follow-up", () => {
  it("shows the new alert with the follow-up to check first, and says why on the task", async () => {
    const escalated = await openSqliteStore();
    try {
      const { store: own } = escalated;
      await seedWebStore(own, DATE);
      const derras = (await own.listOpenTasks()).find((task) => task.customerId === "100002");
      await logOutcome(
        {
          taskId: derras?.id ?? "",
          contact: "reached",
          issue: "technical",
          result: "follow_up",
          followUpOn: "2026-12-10",
          note: "",
          loggedBy: "Sam Patel",
        },
        { store: own, config: WEB_CONFIG, logger: LOGGER, now: () => at(DATE, 11) },
      );
      // Friday's export: Derras's card has failed as well, a new signal.
      await importFixtureAs(own, "2026-12-04", (text) =>
        text.replace(
          '"Basic","2027-01-20","2024-03-01","4","Current"',
          '"Basic","2027-01-20","2024-03-01","4","Failed"',
        ),
      );
      await runDay("2026-12-04", {
        store: own,
        config: WEB_CONFIG,
        rules: RULES,
        logger: LOGGER,
        now: () => at("2026-12-04", 9),
      });

      const { app } = createTestApp(own, { clock: { now: at("2026-12-04", 9, 30) } });
      const client = createClient(app);
      const queue = await client.get("/?owner=all");
      const row =
        /<tr><td class="id">(T-\d+)<\/td><td><a class="task-link"[^>]*>Derras Real Estate<\/a><div class="marks">(.*?)<\/div><\/td>/.exec(
          queue.html,
        );
      expect(row?.[2]).toContain("escalation</span>");
      expect(row?.[2]).toMatch(/Check follow-up T-\d+ \(due Thu 10 Dec\) first/);

      const task = await client.get(`/tasks/${row?.[1] ?? ""}`);
      expect(task.html).toContain(
        "<strong>Escalation</strong>: a new signal appeared (payment_failed = true (is true)).",
      );
      expect(task.html).toMatch(
        /A follow-up is pending: <a href="[^"]+">T-\d+, due Thu 10 Dec<\/a>/,
      );
    } finally {
      await escalated.close();
    }
  });
});

/** The fixture export, changed by `edit`, imported as exported at 07:00 on `date`. */
async function importFixtureAs(store: Store, date: string, edit: (text: string) => string) {
  const folder = mkdtempSync(join(tmpdir(), "csops-web-edit-"));
  const file = join(folder, "hubspot-only-companies.csv");
  writeFileSync(file, edit(readFileSync(join(FIXTURES, "hubspot-only-companies.csv"), "utf8")));
  utimesSync(file, at(date, 7), at(date, 7));
  await importExports([file], {
    store,
    config: WEB_CONFIG,
    logger: LOGGER,
    now: () => at(date, 7, 30),
  });
  rmSync(folder, { recursive: true, force: true });
}
