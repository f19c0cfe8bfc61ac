import { describe, expect, it } from "vitest";

import { configSchema } from "../config/config-schema.js";
import { addDays } from "../domain/add-days.js";
import { checkInDay, orderQueue, planCapacity, quarterOf } from "../domain/tasks/index.js";
import { describeEachDatabase } from "../storage/test-databases.js";
import { RULES, TIME_ZONE, logOn, makeCustomer, runOn, seedDay } from "./daily-test-kit.js";
import { loadQueue } from "./load-queue.js";

// Monday 2 November 2026: the week runs to Sunday 8 November.
const DAY0 = "2026-11-02";
const CONFIG = configSchema.parse({ time_zone: TIME_ZONE, team: { capacity_per_week: 3 } });

/** A customer id whose quarterly check-in falls on `date`. */
function idWithCheckInOn(date: string): string {
  for (let n = 20000; n < 30000; n += 1) {
    if (checkInDay(String(n), quarterOf(date)) === date) return String(n);
  }
  throw new Error(`no id with a check-in on ${date}`);
}

const CUSTOMERS = [
  makeCustomer({
    companyId: "1",
    name: "Alder Homes",
    domain: "alder.example",
    contractEndDate: addDays(DAY0, 40),
    paymentFailed: true,
  }),
  makeCustomer({
    companyId: "2",
    name: "Birch Lettings",
    domain: "birch.example",
    ownerName: "Sam Patel",
    contractEndDate: addDays(DAY0, 20),
    paymentFailed: true,
  }),
  makeCustomer({
    companyId: "3",
    name: "Cedar Estates",
    domain: "cedar.example",
    ownerName: "Sam Patel",
    loginEveryDays: undefined,
  }),
  makeCustomer({
    companyId: "4",
    name: "Dogwood Property",
    domain: "dogwood.example",
    loginEveryDays: 1,
    features: ["listing_created", "valuation_report", "market_insights"],
  }),
  makeCustomer({
    companyId: "5",
    name: "Elm Agents",
    domain: "elm.example",
    accountStartDate: addDays(DAY0, -10),
    features: ["listing_created"],
  }),
  makeCustomer({ companyId: idWithCheckInOn(DAY0), name: "Fir Realty", domain: "fir.example" }),
];

describe("loadQueue", () => {
  describeEachDatabase("a morning with every kind of task", (database) => {
    it("orders by segment precedence, then due, then days to renewal, with counts", async () => {
      const { store } = database;
      await seedDay(store, DAY0, CUSTOMERS);
      await runOn(store, DAY0);

      const queue = await loadQueue(DAY0, { store, config: CONFIG, rules: RULES });

      expect(queue.items.map((item) => [item.task.context.companyName, item.task.kind])).toEqual([
        ["Birch Lettings", "alert"],
        ["Alder Homes", "alert"],
        ["Elm Agents", "alert"],
        ["Cedar Estates", "alert"],
        ["Dogwood Property", "alert"],
        ["Fir Realty", "check_in"],
      ]);
      expect(queue.counts.map((line) => [line.label, line.action, line.count])).toEqual([
        ["Revenue at Risk", "call", 2],
        ["Onboarding Stuck", "training call", 1],
        ["Engagement Drop", "re-engagement email", 1],
        ["Expansion Opportunity", "upsell conversation", 1],
        ["Quarterly check-ins", "quarterly check-in", 1],
      ]);
    });

    it("marks what does not fit the week's capacity; tasks due next week are later", async () => {
      const { store } = database;
      const queue = await loadQueue(DAY0, { store, config: CONFIG, rules: RULES });

      // Upsell (7 days) and check-in (a week) are due on Monday 9 November, next week.
      expect(queue.items.map((item) => item.fit)).toEqual([
        "this_week",
        "this_week",
        "this_week",
        "over_capacity",
        "later",
        "later",
      ]);
      expect(queue.capacity).toMatchObject({
        week: { from: DAY0, to: "2026-11-08" },
        capacityPerWeek: 3,
        doneThisWeek: 0,
        remaining: 3,
        counts: { this_week: 3, over_capacity: 1, later: 2 },
      });
    });

    it("loads a page of the queue whole, marked as in the whole queue", async () => {
      const { store } = database;
      const options = { store, config: CONFIG, rules: RULES };
      const whole = await loadQueue(DAY0, options);
      const idsAndFits = (queue: typeof whole) =>
        queue.items.map((item) => [item.task.id, item.fit]);

      const pages = [];
      for (const offset of [0, 2, 4]) {
        const page = await loadQueue(DAY0, { ...options, page: { offset, limit: 2 } });
        expect(page).toMatchObject({ total: 6, offset, counts: whole.counts });
        expect(page.capacity).toEqual(whole.capacity);
        pages.push(...idsAndFits(page));
      }
      // The fourth task is the first over capacity, whichever page it is on.
      expect(pages).toEqual(idsAndFits(whole));
      // The same marks as the rule in memory gives over the whole queue in memory.
      const inQueue = (await store.listOpenTasks()).filter(
        (task) => task.kind !== "follow_up" || task.dueDate <= DAY0,
      );
      const inMemory = planCapacity(orderQueue(inQueue, RULES), 3, 0, DAY0);
      expect(inMemory.items.map(({ task, fit }) => [task.id, fit])).toEqual(idsAndFits(whole));
      expect(whole.capacity.counts).toEqual(inMemory.counts);
      expect(whole.items.map((item) => item.task)).toEqual(
        await store
          .findTasks(whole.items.map((item) => item.task.id))
          .then((tasks) =>
            whole.items.map((item) => tasks.find((task) => task.id === item.task.id)),
          ),
      );

      // A page past the end is the last one.
      const past = await loadQueue(DAY0, { ...options, page: { offset: 40, limit: 4 } });
      expect(past.offset).toBe(4);
      expect(idsAndFits(past)).toEqual(idsAndFits(whole).slice(4));

      const narrowed = await loadQueue(DAY0, {
        ...options,
        segment: "revenue_at_risk",
        page: { offset: 1, limit: 5 },
      });
      expect(narrowed.total).toBe(2);
      expect(narrowed.items.map((item) => item.task.context.companyName)).toEqual(["Alder Homes"]);
      expect(narrowed.counts).toEqual(whole.counts);
    });

    it("counts outcomes logged this week as touchpoints done", async () => {
      const { store } = database;
      const [birch] = await store.listOpenTasksOf(["2"]);
      await logOn(store, addDays(DAY0, 1), {
        taskId: birch?.id ?? "",
        contact: "reached",
        issue: "payment",
        result: "follow_up",
        followUpOn: addDays(DAY0, 3),
      });

      const tuesday = await loadQueue(addDays(DAY0, 1), { store, config: CONFIG, rules: RULES });
      expect(tuesday.capacity).toMatchObject({ doneThisWeek: 1, remaining: 2 });
      expect(tuesday.items.map((item) => [item.task.context.companyName, item.fit])).toEqual([
        ["Alder Homes", "this_week"],
        ["Elm Agents", "this_week"],
        ["Cedar Estates", "over_capacity"],
        ["Dogwood Property", "later"],
        ["Fir Realty", "later"],
      ]);
      // The follow-up waits for its date, then joins the Revenue at Risk tasks by its due time.
      expect(tuesday.upcomingFollowUps.map((task) => task.dueDate)).toEqual([addDays(DAY0, 3)]);
      const thursday = await loadQueue(addDays(DAY0, 3), { store, config: CONFIG, rules: RULES });
      expect(thursday.items.slice(0, 2).map((item) => [item.task.kind, item.task.dueDate])).toEqual(
        [
          ["alert", addDays(DAY0, 1)],
          ["follow_up", addDays(DAY0, 3)],
        ],
      );
      expect(thursday.counts.at(-2)).toMatchObject({ label: "Follow-ups", count: 1 });

      // Next week starts afresh.
      const monday = await loadQueue(addDays(DAY0, 7), { store, config: CONFIG, rules: RULES });
      expect(monday.capacity).toMatchObject({ doneThisWeek: 0, remaining: 3 });
    });

    it("shows one person's tasks against their share of the capacity", async () => {
      const { store } = database;
      const queue = await loadQueue(addDays(DAY0, 3), {
        store,
        config: CONFIG,
        rules: RULES,
        owner: "sam patel",
      });

      expect(queue.owner).toBe("Sam Patel");
      expect(queue.items.map((item) => item.task.context.companyName)).toEqual([
        "Birch Lettings",
        "Cedar Estates",
      ]);
      expect(queue.capacity).toMatchObject({ capacityPerWeek: 1, doneThisWeek: 1, remaining: 0 });
      expect(queue.items.map((item) => item.fit)).toEqual(["over_capacity", "over_capacity"]);

      await expect(
        loadQueue(DAY0, { store, config: CONFIG, rules: RULES, owner: "Pat Nobody" }),
      ).rejects.toMatchObject({
        code: "usage",
        message:
          '"Pat Nobody" is not a configured CS person; expected one of: Alex Morgan, Sam Patel',
      });
    });
  });
});
