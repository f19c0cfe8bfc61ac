import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { Context, Hono } from "hono";

import { SOURCE_KINDS, type SourceKind } from "../../domain/records.js";
import { importExports } from "../../services/import-exports.js";
import { pageContextOf, type PageContext } from "../page-context.js";
import { keepableFileName } from "../keepable-file-name.js";
import { ErrorPage } from "../pages/error-page.js";
import { ImportPage, type ImportResult } from "../pages/import-page.js";
import { readFormOrFail } from "../read-form-or-fail.js";
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
    const { files, kind, encoding } = await readUploadForm(c);
    if (kind !== undefined && !isSourceKind(kind)) {
      const error = "Choose a kind from the list, or let csops recognise it.";
      return showImports(c, page, [], error, 422);
    }
    if (files.length === 0) {
      return showImports(c, page, [], "Choose one or more export files first.", 422);
    }

    const saved = await saveUploads(files, deps);
    const outcomes = await importExports(saved, { ...deps, kind, encoding });
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

/** The upload form: its files, and the kind and encoding when the person chose them. */
async function readUploadForm(
  c: Context<WebEnv>,
): Promise<{ files: File[]; kind: string | undefined; encoding: string | undefined }> {
  const body = await readFormOrFail(c, { all: true });
  const text = (name: string) => {
    const value = body[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const sent = body.files;
  const files = (Array.isArray(sent) ? sent : [sent]).filter(
    (value): value is File => value instanceof File && value.name !== "",
  );

  return { files, kind: text("kind"), encoding: text("encoding") };
}

/** One of the kinds `csops import --source` accepts, which the form's kind select offers. */
function isSourceKind(kind: string): kind is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(kind);
}

/**
 * Keeps each uploaded file under the uploads folder, in a folder of its own per upload and per
 * file, under the name it was uploaded with: the import log then names a file that still
 * exists, for anyone checking what was imported, and the page shows the name the person knows.
 * Refused files are kept too; nothing is ever deleted.
 */
async function saveUploads(files: readonly File[], deps: WebDeps): Promise<string[]> {
  const stamp = `${deps.now()}-${Buffer.from(deps.randomBytes(4)).toString("hex")}`;
  const paths: string[] = [];
  for (const [index, file] of files.entries()) {
    const folder = join(deps.uploadsDir, stamp, String(index + 1));
    await mkdir(folder, { recursive: true });
    const path = join(folder, keepableFileName(file.name));
    await writeFile(path, new Uint8Array(await file.arrayBuffer()));
    paths.push(path);
  }

  return paths;
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
