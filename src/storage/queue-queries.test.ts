import { sql } from "kysely";
import { describe, expect, it } from "vitest";

import { addDays } from "../domain/add-days.js";
import { orderQueue, type Task, type TaskKind, type TaskStatus } from "../domain/tasks/index.js";
import type { SegmentId } from "../domain/rules.js";
import { RULES } from "../services/daily-test-kit.js";
import { describeEachDatabase } from "./test-databases.js";

const DATE = "2026-12-02";
const WEEK_END = "2026-12-06";

// Names that sort differently by locale than character by character: lower case after upper,
// accented letters after every plain one, a name shared by two companies.
const NAMES = ["acorn Lettings", "Zenith Homes", "Élan Estates", "Øst Realty", "Birch", "Birch"];
// A segment the rules no longer list comes after every listed one.
const SEGMENTS = [...RULES.precedence, "retired_segment" as SegmentId];
const KINDS: TaskKind[] = ["alert", "alert", "alert", "follow_up", "check_in"];
const STATUSES: TaskStatus[] = ["open", "open", "open", "open", "done"];

/**
 * Task number `n` of a spread of kinds, segments, due days, renewals (some unknown) and names
 * that meet in every tie the queue's order breaks, some closed, some follow-ups not yet due.
 */
function makeTask(n: number): Task {
  const dueDate = addDays(DATE, (n % 7) - 2);
  const contractEndDate = n % 4 === 0 ? undefined : addDays(DATE, 30 + (n % 3) * 10);
  const segment = SEGMENTS[n % SEGMENTS.length] ?? "revenue_at_risk";

  return {
    id: `T-${n}`,
    customerId: String(9000 + (n % 40)),
    kind: KINDS[n % KINDS.length] ?? "alert",
    segment,
    label: `Label of ${segment}`,
    title: `Task ${n}`,
    action: "call",
    priority: 1,
    // Two due times a day, so that most tasks tie on it with others.
    dueAt: Date.parse(`${dueDate}T${n % 2 === 0 ? "09" : "17"}:00:00Z`) / 1000,
    dueDate,
    status: STATUSES[n % STATUSES.length] ?? "open",
    reasons: [],
    signals: [],
    context: {
      asOf: DATE,
      companyName: NAMES[n % NAMES.length] ?? "",
      ...(contractEndDate === undefined ? {} : { contractEndDate }),
      unknown: [],
      possibly: [],
    },
    ...(n % 3 === 0 ? { owner: "Sam Patel" } : {}),
    // Some alerts raised beside a follow-up.
    ...(n % 7 === 0 ? { pendingFollowUpId: `T-${n + 1}` } : {}),
    createdOn: addDays(DATE, -3),
  };
}

/** Six tasks equal in all but the company name, two of them in that too. */
const TIED = NAMES.map((companyName, index) => {
  const task = makeTask(1000 + index);
  return {
    ...task,
    kind: "alert" as const,
    status: "open" as const,
    segment: "revenue_at_risk" as const,
    dueAt: makeTask(1000).dueAt,
    context: { ...task.context, companyName, contractEndDate: "2027-01-01" },
  };
});
const TASKS = [...Array.from({ length: 150 }, (_, index) => makeTask(index + 1)), ...TIED];

/** What loadQueue's callers see as the queue: in memory, for the store's answers to match. */
function queueInMemory(owner?: string): Task[] {
  const inQueue = TASKS.filter(
    (task) =>
      task.status === "open" &&
      (task.kind !== "follow_up" || task.dueDate <= DATE) &&
      (owner === undefined || task.owner === owner),
  );

  return orderQueue(inQueue, RULES);
}

describe("the queue's queries", () => {
  describeEachDatabase("156 tasks of every kind", (database) => {
    const scope = { date: DATE, precedence: RULES.precedence };
    const seeded = async () => {
      const { store } = database;
      if ((await store.findTask("T-1")) === undefined) {
        await store.transaction((tx) => tx.insertTasks(TASKS));
      }
      return store;
    };

    it("lists the queue in orderQueue's order, names compared character by character", async () => {
      const store = await seeded();
      const expected = queueInMemory().map((task) => task.id);

      expect(await store.listQueueIds({ ...scope, narrowing: undefined })).toEqual(expected);
      // Equal but for the company name: upper case before lower, plain letters before
      // accented ones, and the same name by id.
      const tied = expected.filter((id) => TIED.some((task) => task.id === id));
      expect(tied).toEqual(["T-1004", "T-1005", "T-1001", "T-1000", "T-1002", "T-1003"]);
    });

    it("pages the same order, and narrows to a segment, follow-ups or one person", async () => {
      const store = await seeded();
      const whole = queueInMemory();

      const page = await store.listQueuePage({
        ...scope,
        narrowing: undefined,
        offset: 20,
        limit: 15,
      });
      expect(page.map((entry) => entry.id)).toEqual(whole.slice(20, 35).map((task) => task.id));
      expect(page[0]).toMatchObject({
        kind: whole[20]?.kind,
        dueDate: whole[20]?.dueDate,
        context: { companyName: whole[20]?.context.companyName },
      });

      const segment = RULES.precedence[1] ?? "";
      const alerts = await store.listQueueIds({ ...scope, narrowing: segment });
      expect(alerts).toEqual(
        whole
          .filter((task) => task.kind === "alert" && task.segment === segment)
          .map((task) => task.id),
      );
      const followUps = await store.listQueueIds({ ...scope, narrowing: "follow_up" });
      expect(followUps).toEqual(
        whole.filter((task) => task.kind === "follow_up").map((task) => task.id),
      );

      const owned = { ...scope, owner: "Sam Patel", narrowing: undefined };
      expect(await store.listQueueIds(owned)).toEqual(
        queueInMemory("Sam Patel").map((task) => task.id),
      );
      const pastTheEnd = { ...scope, narrowing: undefined, offset: whole.length, limit: 10 };
      expect(await store.listQueuePage(pastTheEnd)).toEqual([]);
    });

    it("counts the queue per kind and segment, with what is due by the week's end", async () => {
      const store = await seeded();
      const whole = queueInMemory();

      const groups = await store.summarizeQueue({ ...scope, weekEnd: WEEK_END });
      const counted = Object.fromEntries(
        groups.map((group) => [
          `${group.kind} ${group.segment}`,
          [group.count, group.dueByWeekEnd],
        ]),
      );
      const expected: Record<string, [number, number]> = {};
      for (const task of whole) {
        const key = `${task.kind} ${task.segment}`;
        const [count, due] = expected[key] ?? [0, 0];
        expected[key] = [count + 1, due + (task.dueDate <= WEEK_END ? 1 : 0)];
      }
      expect(counted).toEqual(expected);
    });

    it("finds the n-th task due by the week's end, the first beyond n touchpoints", async () => {
      const store = await seeded();
      const due = queueInMemory().filter((task) => task.dueDate <= WEEK_END);

      for (const position of [0, 7, due.length - 1]) {
        const found = await store.findDueByWeekEnd({ ...scope, weekEnd: WEEK_END, position });
        expect(found?.id).toBe(due[position]?.id);
      }
      const beyond = { ...scope, weekEnd: WEEK_END, position: due.length };
      expect(await store.findDueByWeekEnd(beyond)).toBeUndefined();
    });

    it("refreshes the statistics after a run: PostgreSQL's tasks all visible", async () => {
      const store = await seeded();
      await store.refreshStatistics();

      if (database.dialect === "postgres") {
        const { rows } = await sql<{ pages: number; visible: number }>`select
            relpages as pages, relallvisible as visible
          from pg_class where oid = 'tasks'::regclass`.execute(database.database.kysely);
        expect(rows[0]?.pages).toBeGreaterThan(0);
        expect(rows[0]?.visible).toBe(rows[0]?.pages);
      }
      expect(await store.listQueueIds({ ...scope, narrowing: undefined })).toHaveLength(
        queueInMemory().length,
      );
    });

    it("lists the follow-ups not yet due and the alerts raised beside a follow-up", async () => {
      const store = await seeded();

      const { upcoming } = await store.listQueueCompanions({ date: DATE });
      const notYetDue = TASKS.filter(
        (task) => task.status === "open" && task.kind === "follow_up" && task.dueDate > DATE,
      ).sort((a, b) => a.dueAt - b.dueAt || Number(a.id.slice(2)) - Number(b.id.slice(2)));
      expect(upcoming.map((entry) => entry.id)).toEqual(notYetDue.map((task) => task.id));
      expect(notYetDue.length).toBeGreaterThan(1);

      // One person's: their own follow-ups and their own alerts beside a follow-up.
      const sams = await store.listQueueCompanions({ date: DATE, owner: "Sam Patel" });
      const isSams = (task: Task) => task.owner === "Sam Patel";
      expect(sams.upcoming.map((entry) => entry.id)).toEqual(
        notYetDue.filter(isSams).map((task) => task.id),
      );
      const beside = TASKS.filter(
        (task) => task.status === "open" && task.kind === "alert" && task.pendingFollowUpId,
      );
      expect(beside.filter(isSams).length).toBeGreaterThan(0);
      expect(beside.filter((task) => !isSams(task)).length).toBeGreaterThan(0);
      expect(new Set(sams.escalations.map((entry) => entry.id))).toEqual(
        new Set(beside.filter(isSams).map((task) => task.id)),
      );
    });
  });
});
