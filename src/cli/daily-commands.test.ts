import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { runCliCaptured as csops } from "../test-support/run-cli-captured.js";

// The README's morning, command by command, on a SQLite file of its own. The clock reads
// Thursday 3 December 2026, 09:30 in London, so "today" is fixed whatever the machine's date.
const scratch = mkdtempSync(join(tmpdir(), "csops-daily-"));
const demo = join(scratch, "demo");
const saved = { url: process.env.DATABASE_URL, user: process.env.CSOPS_USER };

beforeAll(async () => {
  process.env.DATABASE_URL = `sqlite:${join(scratch, "csops.sqlite")}`;
  delete process.env.CSOPS_USER;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-03T09:30:00Z"));
  await csops("demo", "--out", demo, "--as-of", "2026-12-03", "--customers", "150");
  await csops("import", demo);
});
afterAll(() => {
  vi.useRealTimers();
  process.env.DATABASE_URL = saved.url;
  if (saved.user !== undefined) process.env.CSOPS_USER = saved.user;
  rmSync(scratch, { recursive: true, force: true });
});

/** The task lines of `csops queue`: id, then the rest of the line. */
function taskLines(stdout: string): { id: string; line: string }[] {
  return stdout.split("\n").flatMap((line) => {
    const match = /^[! ] (T-\d+) /.exec(line);
    return match?.[1] === undefined ? [] : [{ id: match[1], line }];
  });
}

/** `42 Revenue at Risk (call)` → 42. */
function countOf(header: string, label: string): number {
  const match = new RegExp(`(\\d+) ${label} \\(`).exec(header);

  return match?.[1] === undefined ? 0 : Number(match[1]);
}

describe("csops run, queue, explain and outcome", () => {
  let firstCall = "";
  let callsBefore = 0;

  it("runs today's date and summarises segments, tasks and sources", async () => {
    const run = await csops("run");

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /^Daily run for Thursday 3 December 2026 \(run 1\): 1\d\d customers/,
    );
    expect(run.stdout).toMatch(/Segments: \d+ Revenue at Risk · \d+ Onboarding Stuck · /);
    expect(run.stdout).toMatch(/Tasks: +[1-9]\d* created \(/);
    expect(run.stdout).toMatch(/Sources: +ok HubSpot data is 0 days old \(allowed 2\)/);
  });

  it("creates nothing on a second run of the same date, and says so in JSON", async () => {
    const run = await csops("run", "--date", "2026-12-03", "--json");
    const json = JSON.parse(run.stdout) as {
      date: string;
      segments: Record<string, number>;
      tasks: { created: number; refreshed: number; open: number };
    };

    expect(run.exitCode).toBe(0);
    expect(json.date).toBe("2026-12-03");
    expect(Object.keys(json.segments)).toEqual([
      "revenue_at_risk",
      "onboarding_stuck",
      "engagement_drop",
      "expansion_opportunity",
      "healthy_stable",
      "data_gap",
      "none",
    ]);
    expect(json.tasks.created).toBe(0);
    expect(json.tasks.refreshed).toBeGreaterThan(0);
  });

  it("prints the queue with a header of counts per action, calls first", async () => {
    const queue = await csops("queue");
    const [title, header] = queue.stdout.split("\n");
    const tasks = taskLines(queue.stdout);

    expect(queue.exitCode).toBe(0);
    expect(title).toMatch(
      /^Thursday 3 December 2026 · team queue · \d+ tasks: \d+ due this week, \d+ later · capacity 250 a week, 0 done this week, none over$/,
    );
    expect(header).toMatch(/^\d+ Revenue at Risk \(call\) · /);
    expect(tasks.length).toBeGreaterThan(0);
    // The nearest renewal first: one that has just passed counts as the nearest.
    expect(tasks[0]?.line).toMatch(/Revenue at Risk +(renews in \d+ d|renewal \d+ d ago)/);
    firstCall = tasks[0]?.id ?? "";
    callsBefore = countOf(header ?? "", "Revenue at Risk");
  });

  it("explains the customer behind the first call", async () => {
    const queue = await csops("queue", "--json");
    const json = JSON.parse(queue.stdout) as {
      header: string;
      items: { task: { id: string; customerId: string }; fit: string; why: string }[];
    };
    const first = json.items[0];
    expect(first).toMatchObject({ task: { id: firstCall }, fit: "this_week" });
    expect(json.header).toMatch(/^\d+ Revenue at Risk \(call\)/);
    const explained = await csops("explain", first?.task.customerId ?? "");

    expect(explained.exitCode).toBe(0);
    expect(explained.stdout).toMatch(
      /· Revenue at Risk · as of the run of Thursday 3 December 2026/,
    );
    expect(explained.stdout).toMatch(/Why:\n {2}days_to_renewal = -?\d+ \(<= 60\)/);
    expect(explained.stdout).toContain(`Open tasks:\n  ${firstCall} URGENT: Call `);
    expect(explained.stdout).toMatch(
      /Segment history \(newest first, one line per change\):\n {2}2026-12-03 {2}Revenue at Risk/,
    );
    expect(explained.stdout).not.toContain("the latest on or before");

    // A day with no run of its own: the run it shows says so.
    const later = await csops("explain", first?.task.customerId ?? "", "--date", "2026-12-20");
    expect(later.stdout).toMatch(
      /as of the run of Thursday 3 December 2026 \(the latest on or before 2026-12-20\)/,
    );
  });

  it("logs a follow-up, after which the call leaves today's queue", async () => {
    const logged = await csops(
      "outcome",
      firstCall,
      "--contact",
      "reached",
      "--issue",
      "payment",
      "--result",
      "follow-up",
      "--follow-up",
      "2026-12-10",
      "--note",
      "Card expired; the new one goes in on Monday",
      "--by",
      "alex morgan",
    );

    expect(logged.exitCode).toBe(0);
    expect(logged.stdout).toMatch(
      new RegExp(
        `^Logged on ${firstCall} \\(.+\\): reached · payment · follow-up needed, by Alex Morgan\\.`,
      ),
    );
    expect(logged.stdout).toMatch(/Follow-up T-\d+ is due Thu 10 Dec 09:00/);

    const queue = await csops("queue");
    const header = queue.stdout.split("\n")[1] ?? "";
    expect(taskLines(queue.stdout).map((task) => task.id)).not.toContain(firstCall);
    expect(countOf(header, "Revenue at Risk")).toBe(callsBefore - 1);
    expect(queue.stdout).toMatch(/capacity 250 a week, 1 done this week/);
    expect(queue.stdout).toMatch(/Follow-ups for later days: T-\d+ .+ \(Thu 10 Dec\)/);

    // On the 10th the follow-up is on the list, with the call it follows up.
    const later = await csops("queue", "--date", "2026-12-10");
    expect(later.stdout).toMatch(new RegExp(`follow-up of ${firstCall}: `));
  });

  it("refuses a closed task, an unknown task and a past follow-up date, changing nothing", async () => {
    const again = await csops(
      "outcome",
      firstCall,
      "--contact",
      "reached",
      "--issue",
      "none",
      "--result",
      "resolved",
      "--by",
      "Sam Patel",
    );
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`csops: task ${firstCall} is already done`));

    const unknown = await csops(
      "outcome",
      "T-99999",
      "--contact",
      "reached",
      "--issue",
      "none",
      "--result",
      "resolved",
      "--by",
      "Sam Patel",
    );
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toBe("csops: there is no task T-99999\n");

    const queue = taskLines((await csops("queue")).stdout);
    const another = queue[0]?.id ?? "";
    const past = await csops(
      "outcome",
      another,
      "--contact",
      "reached",
      "--issue",
      "usage",
      "--result",
      "follow_up",
      "--follow-up",
      "2026-12-02",
      "--by",
      "Sam Patel",
    );
    expect(past.exitCode).toBe(2);
    expect(past.stderr).toMatch(/the follow-up date 2026-12-02 must be after today \(2026-12-03\)/);

    const phoned = await csops(
      "outcome",
      another,
      "--contact",
      "phoned",
      "--issue",
      "usage",
      "--result",
      "follow-up",
      "--by",
      "Sam Patel",
    );
    expect(phoned.exitCode).toBe(2);
    expect(phoned.stderr).toBe(
      "csops: the outcome is invalid: what happened must be one of reached, voicemail, " +
        "email-sent; follow-up needed requires a follow-up date\n",
    );
    expect(taskLines((await csops("queue")).stdout)[0]?.id).toBe(another);
  });

  it("requires who logs the outcome, a configured CS person or CSOPS_USER", async () => {
    const queue = taskLines((await csops("queue")).stdout);
    const task = queue[0]?.id ?? "";
    const args = [
      "outcome",
      task,
      "--contact",
      "email-sent",
      "--issue",
      "usage",
      "--result",
      "will-cancel",
    ];

    const nobody = await csops(...args);
    expect(nobody.exitCode).toBe(2);
    expect(nobody.stderr).toMatch(/say who logs the outcome: --by NAME, or set CSOPS_USER/);
    const stranger = await csops(...args, "--by", "Pat Nobody");
    expect(stranger.exitCode).toBe(2);

    process.env.CSOPS_USER = "Sam Patel";
    try {
      const canceled = await csops(...args);
      expect(canceled.exitCode).toBe(0);
      expect(canceled.stdout).toMatch(/email sent · usage · customer will cancel, by Sam Patel\./);
      expect(canceled.stdout).toMatch(/is canceled as of 2026-12-03.*Later runs skip it\./);
    } finally {
      delete process.env.CSOPS_USER;
    }
    expect(taskLines((await csops("queue")).stdout).map((t) => t.id)).not.toContain(task);
  });

  it("shows one person's queue, and refuses a name nobody has", async () => {
    const sam = await csops("queue", "--owner", "sam patel");
    expect(sam.exitCode).toBe(0);
    expect(sam.stdout).toMatch(/Sam Patel's queue · \d+ tasks: .* · capacity 125 a week/);
    expect(taskLines(sam.stdout).every((task) => task.line.endsWith("Sam Patel"))).toBe(true);

    const nobody = await csops("queue", "--owner", "Pat Nobody");
    expect(nobody.exitCode).toBe(2);
    expect(nobody.stderr).toMatch(/"Pat Nobody" is not a configured CS person/);
  });

  it("says which customers a name could mean, or that none has it", async () => {
    const none = await csops("explain", "No Such Agency Anywhere");
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toMatch(/no customer has the id or a name like "No Such Agency Anywhere"/);

    const several = await csops("explain", "e");
    expect(several.exitCode).toBe(1);
    expect(several.stderr).toMatch(/"e" matches several customers: \d+ /);
  });
});

describe("csops queue on a store with no customers", () => {
  it("says which store it read and how to fill it", async () => {
    const kept = process.env.DATABASE_URL;
    const empty = join(scratch, "typo", "csops.sqlite");
    process.env.DATABASE_URL = `sqlite:${empty}`;
    try {
      const queue = await csops("queue");

      expect(queue.exitCode).toBe(0);
      expect(queue.stdout).toContain("Nothing to do");
      expect(queue.stderr).toBe(
        `The store (${empty}) holds no customers yet: import exports with csops import, or ` +
          "run npm start for the demo. DATABASE_URL chooses another store.\n",
      );
    } finally {
      process.env.DATABASE_URL = kept;
    }
  });
});
