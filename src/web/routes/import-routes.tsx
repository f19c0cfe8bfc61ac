import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";

import type { Context, Hono } from "hono";

import { importExports } from "../../services/import-exports.js";
import { pageContextOf, type PageContext } from "../page-context.js";
import { ErrorPage } from "../pages/error-page.js";
import { ImportPage, type ImportResult } from "../pages/import-page.js";
import { renderPage } from "../render-page.js";
import { canImport } from "../viewer.js";
import type { WebDeps } from "../web-deps.js";
import type { WebEnv } from "../web-env.js";

const RECENT_IMPORTS = 20;

/** `GET /import`: the form and the import log; `POST /import`: upload and import files. */
export function registerImportRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get("/import", async (c) => {
    const page = pageContextOf(c, deps);
    if (!canImport(page.viewer)) return showForbidden(c, page);
    const done = (c.req.query("done") ?? "")
      .split(",")
      .map(Number)
      .filter((id) => Number.isInteger(id) && id > 0);

    return showImports(c, page, await loadResults(done, deps));
  });

  app.post("/import", async (c) => {
    const page = pageContextOf(c, deps);
    if (!canImport(page.viewer)) return showForbidden(c, page);
    const files = await saveUploads(c, deps);
    if (files.length === 0) {
      return showImports(c, page, [], "Choose one or more export files first.", 422);
    }

    const outcomes = await importExports(files, deps);
    return c.redirect(`/import?done=${outcomes.map((outcome) => outcome.importId).join(",")}`, 303);
  });
}

async function showImports(
  c: Context<WebEnv>,
  page: PageContext,
  results: ImportResult[],
  error?: string,
  status: 200 | 422 = 200,
): Promise<Response> {
  const recent = await page.deps.store.listImports({ limit: RECENT_IMPORTS });

  return renderPage(
    c,
    <ImportPage page={page} results={results} recent={recent} error={error} />,
    status,
  );
}

async function loadResults(importIds: readonly number[], deps: WebDeps): Promise<ImportResult[]> {
  const records = await deps.store.findImports(importIds);

  return Promise.all(
    records.map(async (record) => ({
      record,
      problems: await deps.store.importProblems(record.id),
    })),
  );
}

/**
 * Keeps each uploaded file under the uploads folder, in a folder of its own per upload, with
 * its own name: the import log then names a file that still exists, for anyone checking what
 * was imported. Names are reduced to safe characters; nothing escapes the folder.
 */
async function saveUploads(c: Context<WebEnv>, deps: WebDeps): Promise<string[]> {
  const body = await c.req.parseBody({ all: true });
  const sent = body.files;
  const files = (Array.isArray(sent) ? sent : [sent]).filter(
    (value): value is File => value instanceof File && value.name !== "",
  );
  if (files.length === 0) return [];

  const stamp = `${deps.now()}-${Buffer.from(deps.randomBytes(4)).toString("hex")}`;
  const folder = join(deps.uploadsDir, stamp);
  await mkdir(folder, { recursive: true });
  const paths: string[] = [];
  for (const [index, file] of files.entries()) {
    const path = join(folder, `${index + 1}-${safeFileName(file.name)}`);
    await writeFile(path, new Uint8Array(await file.arrayBuffer()));
    paths.push(path);
  }

  return paths;
}

function safeFileName(name: string): string {
  const safe = basename(name.replaceAll("\\", "/"))
    .replace(/[^\w.\- ]+/g, "_")
    .replace(/^\.+/, "")
    .slice(0, 100);

  return safe === "" ? "upload" : safe;
}

function showForbidden(c: Context<WebEnv>, page: PageContext): Promise<Response> {
  return renderPage(
    c,
    <ErrorPage
      page={page}
      title="Only admins import files"
      message="Importing changes everyone's data, so it needs an admin's account. Ask one, or run csops import on the server."
    />,
    403,
  );
}
