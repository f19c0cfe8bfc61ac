import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, expect, it } from "vitest";

import { describeEachDatabase } from "../../storage/test-databases.js";
import { FIXTURES, createClient, createTestApp } from "../web-test-kit.js";

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
    expect(page.html).toContain('1-upload-companies.csv <span class="tag">imported</span>');
    expect(page.html).toContain("2 rows read, 1 imported, 1 rejected.");
    expect(page.html).toMatch(
      /<td class="num">3<\/td><td>Payment status<\/td><td><code>Maybe<\/code><\/td><td>[^<]+<\/td>/,
    );
    // The uploaded file is kept, so the import log names a file that exists.
    const [folder = ""] = readdirSync(uploadsDir);
    expect(readdirSync(join(uploadsDir, folder))).toEqual(["1-upload-companies.csv"]);
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
});
