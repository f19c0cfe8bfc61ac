import type { Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";

import type { CalendarDate } from "../../domain/dates.js";
import type {
  OutcomeContact,
  OutcomeIssue,
  OutcomeResult,
  Task,
} from "../../domain/tasks/index.js";
import { CsopsError } from "../../errors.js";
import { listQueueIds } from "../../services/load-queue.js";
import { logOutcome } from "../../services/log-outcome.js";
import { formatTaskId, parseTaskNumber } from "../../storage/task-rows.js";
import { ACTING_AS_COOKIE } from "../auth/cookie-names.js";
import { cookieOptions } from "../auth/cookie-options.js";
import { describeLogged } from "../describe-logged.js";
import { HTTP_STATUS } from "../http-status.js";
import { pageContextOf, type PageContext } from "../page-context.js";
import type { OutcomeFormValues } from "../pages/outcome-form.js";
import { TaskPage } from "../pages/task-page.js";
import type { QueueFilter } from "../queue-filter.js";
import { readFormOrFail } from "../read-form-or-fail.js";
import { renderPage } from "../render-page.js";
import { nameOf } from "../viewer.js";
import type { WebDeps } from "../web-deps.js";
import type { WebEnv } from "../web-env.js";
import { findConfiguredName, ownerOf, readQueueFilter } from "./queue-routes.js";

/** A year: a demo visitor's "you are" is remembered that long. */
const ACTING_AS_MAX_AGE = 365 * 24 * 60 * 60;

/** `GET /tasks/:id`, the task page; `POST /tasks/:id/outcome`, the outcome form. */
export function registerTaskRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get("/tasks/:id", async (c) => {
    const page = pageContextOf(c, deps);
    const task = await findTaskOrFail(c.req.param("id"), deps);

    return showTask(c, page, task, filterOf(c, page), {
      form: {},
      notice: await describeLogged(c.req.query("logged"), deps.store),
    });
  });

  app.post("/tasks/:id/outcome", async (c) => {
    const page = pageContextOf(c, deps);
    const task = await findTaskOrFail(c.req.param("id"), deps);
    const filter = filterOf(c, page);
    const form = await readOutcomeForm(c);
    const loggedBy = nameOf(page.viewer) ?? findPerson(form.loggedBy, deps);
    const problem =
      findMissingChoice(form) ?? (loggedBy === undefined ? "Say who you are." : undefined);
    if (problem !== undefined || loggedBy === undefined) {
      return showTask(c, page, task, filter, { form, formError: problem, status: 422 });
    }

    const before = await listQueueIdsOf(page.today, filter, deps);
    try {
      await logOutcome(
        {
          taskId: task.id,
          contact: form.contact as OutcomeContact,
          issue: form.issue as OutcomeIssue,
          result: form.result as OutcomeResult,
          followUpOn: form.result === "follow_up" ? form.followUpOn : undefined,
          note: form.note ?? "",
          loggedBy,
        },
        deps,
      );
    } catch (error) {
      if (!(error instanceof CsopsError)) throw error;
      const status = HTTP_STATUS[error.code];
      return showTask(c, page, task, filter, { form, formError: error.message, status });
    }
    deps.outcomeWriteBack?.request();

    if (page.viewer.kind === "demo" && page.viewer.actingAs === undefined) {
      setCookie(c, ACTING_AS_COOKIE, loggedBy, cookieOptions(c, deps.access, ACTING_AS_MAX_AGE));
    }
    const next = findNext(task.id, before, await listQueueIdsOf(page.today, filter, deps));
    const target = filter.href(next === undefined ? "/" : `/tasks/${next}`);
    const separator = target.includes("?") ? "&" : "?";
    return c.redirect(`${target}${separator}logged=${task.id}`, 303);
  });
}

async function showTask(
  c: Context<WebEnv>,
  page: PageContext,
  task: Task,
  filter: QueueFilter,
  shown: {
    form: OutcomeFormValues;
    formError?: string | undefined;
    notice?: string | undefined;
    status?: ContentfulStatusCode | undefined;
  },
): Promise<Response> {
  const { store } = page.deps;
  const open = await store.listOpenTasksOf([task.customerId]);
  const pendingFollowUp =
    task.pendingFollowUpId === undefined ? undefined : await store.findTask(task.pendingFollowUpId);

  return renderPage(
    c,
    <TaskPage
      page={page}
      task={task}
      otherOpen={open.filter((other) => other.id !== task.id)}
      outcomes={await store.listOutcomesOf(task.customerId)}
      pendingFollowUp={pendingFollowUp}
      filter={filter}
      form={shown.form}
      formError={shown.formError}
      notice={shown.notice}
    />,
    shown.status ?? 200,
  );
}

async function findTaskOrFail(text: string, deps: WebDeps): Promise<Task> {
  const number = parseTaskNumber(text);
  const task = number === undefined ? undefined : await deps.store.findTask(formatTaskId(number));
  if (task === undefined) throw new CsopsError("task_not_found", `There is no task ${text}.`);

  return task;
}

function filterOf(c: Context<WebEnv>, page: PageContext): QueueFilter {
  const me = findConfiguredName(page.viewer, page.deps.config);

  return readQueueFilter(c.req.query("owner"), c.req.query("segment"), me);
}

async function readOutcomeForm(c: Context<WebEnv>): Promise<OutcomeFormValues> {
  const body = await readFormOrFail(c);
  const text = (name: string) => {
    const value = body[name];
    return typeof value === "string" ? value : undefined;
  };

  return {
    contact: text("contact"),
    issue: text("issue"),
    result: text("result"),
    followUpOn: text("follow_up_on"),
    note: text("note"),
    loggedBy: text("logged_by"),
  };
}

function findMissingChoice(form: OutcomeFormValues): string | undefined {
  if (form.contact === undefined) return "Choose what happened: reached, voicemail or email sent.";
  if (form.issue === undefined) return "Choose what the issue was (or none).";
  if (form.result === undefined) {
    return "Choose what you did: resolved, follow-up needed or customer will cancel.";
  }
  if (form.result === "follow_up" && (form.followUpOn ?? "") === "") {
    return "A follow-up needs a date.";
  }

  return undefined;
}

/** A configured CS person, picked in the demo's "logged by" box. */
function findPerson(name: string | undefined, deps: WebDeps): string | undefined {
  return deps.config.team.cs_people.find((person) => person.name === name)?.name;
}

async function listQueueIdsOf(
  date: CalendarDate,
  filter: QueueFilter,
  deps: WebDeps,
): Promise<string[]> {
  return listQueueIds(date, { ...deps, owner: ownerOf(filter), segment: filter.segment });
}

/**
 * The task to open after saving one: the first after it in the list as it was that is still
 * on the list, else the first on the list; undefined when nothing is left.
 */
export function findNext(
  taskId: string,
  before: readonly string[],
  after: readonly string[],
): string | undefined {
  const remaining = new Set(after);
  const index = before.indexOf(taskId);
  const following = index < 0 ? [] : before.slice(index + 1);

  return following.find((id) => remaining.has(id)) ?? after.find((id) => id !== taskId);
}
