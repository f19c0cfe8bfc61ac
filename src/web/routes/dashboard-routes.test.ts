import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { logOutcome } from "../../services/log-outcome.js";
import type { Store } from "../../storage/store.js";
import {
  LOGGER,
  WEB_CONFIG,
  at,
  createClient,
  createTestApp,
  openSqliteStore,
  seedWebStore,
} from "../web-test-kit.js";

let store: Store;
let close: () => Promise<void>;

// Thursday's run, Derras resolved that afternoon, then Friday's run.
beforeAll(async () => {
  ({ store, close } = await openSqliteStore());
  await seedWebStore(store, "2026-12-03");
  await logOutcome(
    {
      taskId: "T-1002",
      contact: "reached",
      issue: "usage",
      result: "resolved",
      note: "",
      loggedBy: "Sam Patel",
    },
    { store, config: WEB_CONFIG, logger: LOGGER, now: () => at("2026-12-03", 15) },
  );
  await seedWebStore(store, "2026-12-04");
});
afterAll(() => close());

async function dashboard(): Promise<string> {
  const { app } = createTestApp(store, { clock: { now: at("2026-12-04", 10) } });
  const page = await createClient(app).get("/dashboard");
  expect(page.status).toBe(200);
  return page.html;
}

/** The count beside a segment's badge in the "customers per segment" table. */
function countOf(html: string, label: string): number | undefined {
  const found = new RegExp(`>${label}</span></th><td class="num">(\\d+)<`).exec(html);
  return found?.[1] === undefined ? undefined : Number(found[1]);
}

describe("GET /dashboard", () => {
  it("counts customers per segment in the latest run", async () => {
    const html = await dashboard();

    expect(html).toContain("run of Fri 4 Dec");
    expect(countOf(html, "Revenue at Risk")).toBe(2);
    expect(countOf(html, "Healthy &amp; Stable")).toBe(1);
    expect(countOf(html, "Data gap")).toBe(1);
    expect(countOf(html, "No segment")).toBe(0);
    expect(html).toContain("1 resolved by the team show as Healthy &amp; Stable");
  });

  it("charts the segments of each run date from the run history", async () => {
    const html = await dashboard();
    const found = /data-chart="([^"]+)"/.exec(html);
    const chart = JSON.parse(
      (found?.[1] ?? "{}").replaceAll("&quot;", '"').replaceAll("&amp;", "&"),
    ) as {
      labels: string[];
      series: { bucket: string; data: number[] }[];
    };

    expect(chart.labels).toEqual(["2026-12-03", "2026-12-04"]);
    expect(chart.series.find((line) => line.bucket === "revenue_at_risk")?.data).toEqual([2, 2]);
    expect(html).toContain('<script src="/static/chart.js" defer=""></script>');
  });

  it("shows who moved since the earlier run: the customer the team resolved", async () => {
    const html = await dashboard();

    expect(html).toContain("since the run of Thu 3 Dec");
    expect(html).toMatch(
      /<td><span class="seg seg-revenue_at_risk">Revenue at Risk<\/span><\/td><td><span class="seg seg-healthy_stable">Healthy &amp; Stable<\/span><\/td><td class="num">1<\/td>/,
    );
    expect(html).toContain("6 stayed where they were; 0 are new since.");
  });

  it("lists data gaps by source and fact, outcomes this week, capacity and the runs", async () => {
    const html = await dashboard();

    expect(html).toMatch(
      /<th scope="rowgroup">HubSpot \(contract end date\)<\/th><td class="num">1 \(1 in Data gap\)<\/td><\/tr><tr><td class="indent">Days to renewal<\/td><td class="num">1<\/td>/,
    );
    expect(html).toContain("<strong>OK</strong> HubSpot data is 1 day old (allowed 2)");
    expect(html).toContain('<p class="big">1 logged</p>');
    expect(html).toContain("<dt>Resolved</dt><dd>1</dd>");
    expect(html).toContain("<dt>By Sam Patel</dt><dd>1</dd>");
    expect(html).toContain("1 of 250 touchpoints used");
    expect(html).toContain("nothing to join");
    expect(html.match(/<td class="id">\d+<\/td><td>(Thu 3|Fri 4) Dec<\/td>/g)).toHaveLength(2);
  });
});

describe("POST /runs", () => {
  it("runs today from the dashboard's button, then shows the runs", async () => {
    let runs = 0;
    const runToday = () => {
      runs += 1;
      return Promise.resolve();
    };
    const { app } = createTestApp(store, { clock: { now: at("2026-12-04", 15) }, runToday });
    const client = createClient(app);
    const page = await client.get("/dashboard");
    expect(page.html).toContain('<form method="post" action="/runs"');

    const ran = await client.post("/runs", {});

    expect(ran.status).toBe(303);
    expect(ran.location).toBe("/dashboard#runs");
    expect(runs).toBe(1);
  });

  it("offers no button where no run can be started, and refuses the request", async () => {
    const { app } = createTestApp(store, { clock: { now: at("2026-12-04", 15) } });
    const client = createClient(app);
    const page = await client.get("/dashboard");
    expect(page.html).not.toContain('action="/runs"');

    expect((await client.post("/runs", {})).status).toBe(403);
  });
});
