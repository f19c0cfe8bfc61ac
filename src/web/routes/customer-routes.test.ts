import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Store } from "../../storage/store.js";
import { createClient, createTestApp, openSqliteStore, seedWebStore } from "../web-test-kit.js";
import { readCustomerQuery } from "./customer-routes.js";

let store: Store;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, close } = await openSqliteStore());
  await seedWebStore(store);
});
afterAll(() => close());

/** The company names in the customer table, in order. */
function namesIn(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/customers\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? "");
}

async function list(query: string): Promise<string[]> {
  const page = await createClient(createTestApp(store).app).get(`/customers${query}`);
  expect(page.status).toBe(200);
  return namesIn(page.html);
}

describe("GET /customers", () => {
  it("lists every customer by name with its segment, owner, plan and renewal", async () => {
    const page = await createClient(createTestApp(store).app).get("/customers");

    expect(namesIn(page.html)).toEqual([
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "Derras Real Estate",
      "Fresh Start Homes",
      "Harbour View Lettings",
      "Kestrel Homes",
      "Mayhew Estates",
      "Oak &amp; Stone Homes",
    ]);
    expect(page.html).toMatch(
      /Derras Real Estate<\/a><\/td><td><span class="seg seg-revenue_at_risk">Revenue at Risk<\/span><\/td><td>Sam Patel<\/td><td>Basic<\/td><td>Wed 20 Jan 2027 \(in 48 d\)<\/td><td class="num">1<\/td>/,
    );
  });

  it("shows the last page for a page past the end", async () => {
    expect(await list("?page=9")).toEqual(await list(""));
  });

  it("searches by part of a name, any case, or by HubSpot id", async () => {
    expect(await list("?q=homes")).toEqual([
      "Fresh Start Homes",
      "Kestrel Homes",
      "Oak &amp; Stone Homes",
    ]);
    expect(await list("?q=100002")).toEqual(["Derras Real Estate"]);
    // Wildcards are taken literally.
    expect(await list("?q=%25")).toEqual([]);
  });

  it("filters by segment or bucket, owner, plan and renewal window", async () => {
    expect(await list("?segment=revenue_at_risk")).toEqual([
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "Derras Real Estate",
    ]);
    expect(await list("?segment=data_gap")).toEqual(["Mayhew Estates"]);
    expect(await list("?owner=Sam%20Patel&plan=basic")).toEqual([
      "Derras Real Estate",
      "Fresh Start Homes",
      "Kestrel Homes",
    ]);
    expect(await list("?renewal=60")).toEqual([
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "Derras Real Estate",
    ]);
    expect(await list("?renewal=unknown")).toEqual(["Mayhew Estates"]);
    expect(await list("?renewal=later&plan=Enterprise")).toEqual(["Oak &amp; Stone Homes"]);
  });
});

describe("GET /customers/:id", () => {
  it("explains the decision, with the facts, tasks and the segment history", async () => {
    const page = await createClient(createTestApp(store).app).get("/customers/100002");

    expect(page.status).toBe(200);
    for (const text of [
      "Derras Real Estate",
      "as of the run of Thursday 3 December 2026",
      "Support tickets (30 days): 4 (rule: ≥ 3)",
      "Days to renewal: 48 (rule: ≤ 60)",
      "URGENT: Call Derras Real Estate",
      '<ol class="timeline"><li><time datetime="2026-12-03">Thursday 3 December 2026</time>',
    ]) {
      expect(page.html).toContain(text);
    }
  });

  it("names the facts that are missing and where they should come from", async () => {
    const page = await createClient(createTestApp(store).app).get("/customers/100006");

    expect(page.html).toContain('<span class="seg seg-data_gap">Data gap</span>');
    expect(page.html).toContain(
      "Days to renewal is unknown: it should come from HubSpot (contract end date).",
    );
    expect(page.html).toMatch(/Possibly Healthy &amp; Stable: that needs days to renewal/);
  });

  it("answers 404 for a customer nobody has", async () => {
    const page = await createClient(createTestApp(store).app).get("/customers/999");

    expect(page.status).toBe(404);
  });
});

describe("readCustomerQuery", () => {
  it("keeps what the list offers and drops the rest", () => {
    const values: Record<string, string> = {
      q: " derras ",
      segment: "revenue_at_risk",
      renewal: "30",
      status: "canceled",
      page: "2",
    };
    expect(readCustomerQuery((name) => values[name])).toEqual({
      text: "derras",
      segment: "revenue_at_risk",
      owner: undefined,
      plan: undefined,
      renewal: "30",
      status: "canceled",
      page: 2,
    });

    const odd: Record<string, string> = {
      segment: "vip",
      renewal: "soon",
      status: "x",
      page: "-3",
    };
    expect(readCustomerQuery((name) => odd[name])).toMatchObject({
      segment: undefined,
      renewal: undefined,
      status: undefined,
      page: 1,
    });
  });
});
