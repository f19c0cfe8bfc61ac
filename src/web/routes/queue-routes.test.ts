import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addDays } from "../../domain/add-days.js";
import { orderQueue, type Task } from "../../domain/tasks/index.js";
import { importExports } from "../../services/import-exports.js";
import { listQueueIds, loadQueue } from "../../services/load-queue.js";
import { logOutcome } from "../../services/log-outcome.js";
import { runDay } from "../../services/run-day.js";
import type { Store } from "../../storage/store.js";
import { QUEUE_PAGE_SIZE } from "../pages/queue-page.js";
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

describe("the queue a page at a time", () => {
  // The seed's five tasks and 130 more: two pages, the Revenue at Risk ones alone as well.
  const ADDED_RISK = 110;
  const ADDED_DROP = 20;
  /** Fewer touchpoints than tasks due this week: what does not fit runs on to the second page. */
  const config = { ...WEB_CONFIG, team: { ...WEB_CONFIG.team, capacity_per_week: 30 } };
  let paged: Awaited<ReturnType<typeof openSqliteStore>>;
  /** Every task of the whole team's queue, in working order. */
  let order: string[];

  beforeAll(async () => {
    paged = await openSqliteStore();
    await seedWebStore(paged.store);
    await addOpenAlerts(paged.store, ADDED_RISK, ADDED_DROP);
    order = await listQueueIds(DATE, { store: paged.store, config, rules: RULES });
  });
  afterAll(() => paged.close());

  const get = (path: string) => createClient(createTestApp(paged.store, { config }).app).get(path);

  it("shows the first hundred tasks, with the way to the next page only", async () => {
    const page = await get("/");

    expect(order).toHaveLength(5 + ADDED_RISK + ADDED_DROP);
    // The store's order is the domain's working order.
    const open = await paged.store.listOpenTasks();
    expect(order).toEqual(orderQueue(open, RULES).map((task) => task.id));
    expect(idsIn(page.html)).toEqual(order.slice(0, QUEUE_PAGE_SIZE));
    expect(pagesIn(page.html)).toEqual({
      text: `Tasks 1–100 of ${order.length}`,
      previous: undefined,
      next: "/?owner=all&page=2",
    });
    // The counts and the week's capacity are the whole queue's, not the page's.
    expect(page.html).toContain(
      `<span class="n">${2 + ADDED_RISK}</span> <span class="what">Revenue at Risk`,
    );
    const week = /(\d+) due this week, (\d+) later/.exec(page.html);
    expect(Number(week?.[1]) + Number(week?.[2])).toBe(order.length);
  });

  it("continues on the next page where the first left off, back link and all", async () => {
    const page = await get("/?owner=all&page=2");

    expect(idsIn(page.html)).toEqual(order.slice(QUEUE_PAGE_SIZE));
    expect(pagesIn(page.html)).toEqual({
      text: `Tasks 101–${order.length} of ${order.length}`,
      previous: "/?owner=all&page=1",
      next: undefined,
    });
  });

  it("marks capacity by the place in the whole queue, not in the page", async () => {
    const whole = await loadQueue(DATE, { store: paged.store, config, rules: RULES });
    const expected = new Map(whole.items.map((item) => [item.task.id, item.fit]));
    const first = fitsIn((await get("/?page=1")).html);
    const second = fitsIn((await get("/?page=2")).html);

    expect(new Map([...first, ...second])).toEqual(expected);
    // Each page has rows that fit and rows that do not, or the comparison above proves little.
    expect(new Set(first.map(([, fit]) => fit))).toEqual(
      new Set(["this_week", "over_capacity", "later"]),
    );
    expect(new Set(second.map(([, fit]) => fit))).toEqual(new Set(["over_capacity", "later"]));
  });

  it("links each task of a later page to that task", async () => {
    const page = await get("/?page=2");
    const links = [...page.html.matchAll(/class="task-link" href="([^"]+)">([^<]*)</g)];

    expect(links).toHaveLength(order.length - QUEUE_PAGE_SIZE);
    for (const [, href = "", company = ""] of links) {
      const task = await get(href.replaceAll("&amp;", "&"));
      expect(task.status).toBe(200);
      expect(task.html).toContain(company);
    }
  });

  it("shows the last page past the end, and the first for a page that is no number", async () => {
    const last = await get("/?page=999");
    expect(idsIn(last.html)).toEqual(order.slice(QUEUE_PAGE_SIZE));
    expect(pagesIn(last.html).previous).toBe("/?owner=all&page=1");

    for (const asked of ["abc", "0", "-1", "1.5", "", "0x2", "1e1", " 2"]) {
      const page = await get(`/?page=${asked}`);
      expect(idsIn(page.html), `page=${asked}`).toEqual(order.slice(0, QUEUE_PAGE_SIZE));
      expect(pagesIn(page.html).previous, `page=${asked}`).toBeUndefined();
    }
  });

  it("keeps the person and segment asked for in the page links", async () => {
    const narrowed = await listQueueIds(DATE, {
      store: paged.store,
      config,
      rules: RULES,
      segment: "revenue_at_risk",
    });
    const first = await get("/?owner=all&segment=revenue_at_risk");
    const second = await get("/?owner=all&segment=revenue_at_risk&page=2");

    expect(narrowed).toHaveLength(2 + ADDED_RISK);
    expect(idsIn(first.html)).toEqual(narrowed.slice(0, QUEUE_PAGE_SIZE));
    expect(pagesIn(first.html)).toEqual({
      text: `Tasks 1–100 of ${narrowed.length}`,
      previous: undefined,
      next: "/?owner=all&segment=revenue_at_risk&page=2",
    });
    expect(idsIn(second.html)).toEqual(narrowed.slice(QUEUE_PAGE_SIZE));
    expect(pagesIn(second.html).previous).toBe("/?owner=all&segment=revenue_at_risk&page=1");
  });

  it("shows no page links when the queue fits on one page", async () => {
    const page = await get("/?owner=all&segment=engagement_drop");

    expect(idsIn(page.html)).toHaveLength(1 + ADDED_DROP);
    expect(page.html).not.toContain('class="pages"');
  });
});

/**
 * Open alerts for agencies that exist only in their tasks, copied from the seed's Revenue at
 * Risk and Engagement Drop tasks: due over nine days from the seed's, named so that the queue
 * order is not the order they were saved in.
 */
async function addOpenAlerts(store: Store, risk: number, drop: number): Promise<void> {
  const open = await store.listOpenTasks();
  const templateOf = (segment: string) => {
    const template = open.find((task) => task.kind === "alert" && task.segment === segment);
    if (template === undefined) throw new Error(`the seed has no open ${segment} task`);
    return template;
  };
  const templates = [
    ...Array.from({ length: risk }, () => templateOf("revenue_at_risk")),
    ...Array.from({ length: drop }, () => templateOf("engagement_drop")),
  ];

  await store.transaction(async (tx) => {
    const numbers = await tx.reserveTaskNumbers();
    const tasks = templates.map((template, index): Task => ({
      ...template,
      id: numbers.next(),
      customerId: String(900_000 + index),
      dueAt: template.dueAt + (index % 9) * 24 * 60 * 60,
      dueDate: addDays(template.dueDate, index % 9),
      context: {
        ...template.context,
        companyName: `Agency ${String(templates.length - index).padStart(3, "0")}`,
      },
      escalation: undefined,
      followUpOf: undefined,
      pendingFollowUpId: undefined,
    }));
    await tx.insertTasks(tasks);
    await numbers.save();
  });
}

/** The task ids in the queue table, in order. */
function idsIn(html: string): string[] {
  return [...html.matchAll(/<td class="id">(T-\d+)<\/td>/g)].map((m) => m[1] ?? "");
}

/** How each row of the queue table is marked against the week's capacity, by task id. */
function fitsIn(html: string): [string, string][] {
  const rows = html.matchAll(/<tr(?: class="([^"]*)")?><td class="id">(T-\d+)<\/td>/g);
  const fits: Record<string, string> = { "": "this_week", over: "over_capacity", later: "later" };

  return [...rows].map((m) => [m[2] ?? "", fits[m[1] ?? ""] ?? `unknown: ${m[1]}`]);
}

/** The page navigation: its text and where Previous and Next go. */
function pagesIn(html: string) {
  const nav = /<nav class="pages"[^>]*>(.*?)<\/nav>/.exec(html)?.[1] ?? "";
  const hrefOf = (label: string) =>
    new RegExp(`<a href="([^"]+)">${label}</a>`).exec(nav)?.[1]?.replaceAll("&amp;", "&");

  return {
    text: /<span>(.*?)<\/span>/.exec(nav)?.[1],
    previous: hrefOf("← Previous"),
    next: hrefOf("Next →"),
  };
}

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
