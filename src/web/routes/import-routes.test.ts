import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, expect, it } from "vitest";

import { describeEachDatabase } from "../../storage/test-databases.js";
import { FIXTURES, createClient, createRecordingLogger, createTestApp } from "../web-test-kit.js";

const IMPORTER_FIXTURES = join(FIXTURES, "..", "importers");

function uploadForm(...files: string[]): FormData {
  const form = new FormData();
  for (const name of files) {
    form.append(
      "files",
      new File([readFileSync(join(FIXTURES, name))], name, { type: "text/csv" }),
    );
  }
  return form;
}

/** A file from the importers' fixtures, sent under `name` with the form's other fields. */
function uploadImporterFixture(
  fixture: string,
  name: string,
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData();
  form.append("files", new File([readFileSync(join(IMPORTER_FIXTURES, fixture))], name));
  for (const [field, value] of Object.entries(fields)) form.append(field, value);
  return form;
}

describeEachDatabase("importing from the browser", (database) => {
  const uploadsDir = mkdtempSync(join(tmpdir(), "csops-uploads-"));
  afterAll(() => rmSync(uploadsDir, { recursive: true, force: true }));

  it("imports the files and shows rows imported and rejected, with reasons, on the page", async () => {
    const { app } = createTestApp(database.store, { uploadsDir });
    const client = createClient(app);
    await client.get("/import");

    const posted = await client.postMultipart("/import", uploadForm("upload-companies.csv"));
    expect(posted.status).toBe(303);
    expect(posted.location).toMatch(/^\/import\?done=\d+$/);

    const page = await client.get(posted.location ?? "");
    expect(page.html).toContain("What the import did");
    // Named as uploaded: no server path, no prefix.
    expect(page.html).toContain('<h3>upload-companies.csv <span class="tag">imported</span>');
    expect(page.html).toContain("2 rows read, 1 imported, 1 rejected.");
    expect(page.html).toMatch(
      /<td class="num">3<\/td><td>Payment status<\/td><td><code>Maybe<\/code><\/td><td>[^<]+<\/td>/,
    );
    // The uploaded file is kept, so the import log names a file that exists.
    const [folder = ""] = readdirSync(uploadsDir);
    expect(readdirSync(join(uploadsDir, folder))).toEqual(["1"]);
    expect(readdirSync(join(uploadsDir, folder, "1"))).toEqual(["upload-companies.csv"]);
  });

  it("says the same file sent again changed nothing", async () => {
    const { app } = createTestApp(database.store, { uploadsDir });
    const client = createClient(app);
    await client.get("/import");

    const posted = await client.postMultipart("/import", uploadForm("upload-companies.csv"));
    const page = await client.get(posted.location ?? "");
    expect(page.html).toContain('<span class="tag">unchanged</span>');
    expect(page.html).toContain("the same bytes were imported before");
  });

  it("asks for a file when none was chosen", async () => {
    const { app } = createTestApp(database.store, { uploadsDir });
    const client = createClient(app);
    await client.get("/import");

    const page = await client.postMultipart("/import", new FormData());
    expect(page.status).toBe(422);
    expect(page.html).toContain("Choose one or more export files first.");
  });

  it("names a refused file as it was uploaded, and advises what the form offers", async () => {
    const { app } = createTestApp(database.store, { uploadsDir });
    const client = createClient(app);
    await client.get("/import");

    const posted = await client.postMultipart(
      "/import",
      uploadImporterFixture("unknown-kind.csv", "Bank export (March).csv"),
    );
    const page = await client.get(posted.location ?? "");
    expect(page.html).toContain('Bank export (March).csv <span class="tag">refused</span>');
    expect(page.html).toContain("Bank export (March).csv: cannot tell which export this is");
    expect(page.html).toContain("If it is one of these, choose its kind above");
    expect(page.html).not.toContain(uploadsDir);
    expect(page.html).not.toContain("--source");
    // The refused file is kept too, and the import log keeps its path and the CLI's words.
    const [record] = await database.store.listImports({ limit: 1 });
    expect(record?.file).toMatch(/\/1\/Bank export \(March\)\.csv$/);
    expect(record?.message).toContain("--source");
  });

  it("reads every file as the kind chosen", async () => {
    const { app } = createTestApp(database.store, { uploadsDir });
    const client = createClient(app);
    await client.get("/import");
    expect((await client.get("/import")).html).toContain(
      '<option value="stripe_invoices">Stripe invoices (stripe_invoices)</option>',
    );

    const fields = { kind: "stripe_invoices" };
    const form = uploadImporterFixture("unknown-kind.csv", "payees.csv", fields);
    const posted = await client.postMultipart("/import", form);
    const page = await client.get(posted.location ?? "");
    expect(page.html).toContain("payees.csv: read as Stripe invoices");

    const wrong = uploadImporterFixture("unknown-kind.csv", "payees.csv", { kind: "ledger" });
    const refused = await client.postMultipart("/import", wrong);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain("Choose a kind from the list");
  });

  it("asks for the encoding in the form's words, and reads the file with it", async () => {
    const { app } = createTestApp(database.store, { uploadsDir });
    const client = createClient(app);
    await client.get("/import");

    const fixture = "windows-1252-companies.csv";
    const first = await client.postMultipart("/import", uploadImporterFixture(fixture, "fr.csv"));
    const refused = await client.get(first.location ?? "");
    expect(refused.html).toContain("fr.csv: not valid UTF-8 at byte");
    expect(refused.html).toContain("enter it under Encoding above and import it again");
    expect(refused.html).not.toContain("--encoding");

    const fields = { encoding: "windows-1252" };
    const again = await client.postMultipart(
      "/import",
      uploadImporterFixture(fixture, "fr.csv", fields),
    );
    const read = await client.get(again.location ?? "");
    // Decoded now, the file gets as far as its columns (it is no export this flow reads).
    expect(read.html).toContain("fr.csv: cannot tell which export this is");
    expect(read.html).not.toContain("not valid UTF-8");
  });

  it("answers 400 to a body that is not a form, and logs one line without a stack", async () => {
    const { logger, lines } = createRecordingLogger();
    const { app } = createTestApp(database.store, { uploadsDir, logger });
    const client = createClient(app);
    await client.get("/import");

    const page = await client.postBrokenMultipart("/import");
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.html).toContain("This form could not be read");
    expect(page.html).toContain('<a href="/import">Back to the page, to reload it</a>');
    expect(lines.map((line) => [line.level, line.msg])).toEqual([[40, "form refused"]]);
    expect(JSON.stringify(lines)).not.toContain("stack");
  });
});
