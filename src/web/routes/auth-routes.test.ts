import { beforeAll, expect, it } from "vitest";

import { addUser } from "../../services/add-user.js";
import { describeEachDatabase } from "../../storage/test-databases.js";
import {
  at,
  createClient,
  createRecordingLogger,
  createTestApp,
  seedWebStore,
} from "../web-test-kit.js";

const ADMIN = {
  name: "Pat Admin",
  email: "pat@agency-saas.example",
  role: "admin",
  password: "correct horse battery",
};
const ALEX = {
  name: "Alex Morgan",
  email: "Alex@Agency-SaaS.example",
  role: "cs",
  password: "staple tree ocean window",
};

describeEachDatabase("signing in", (database) => {
  beforeAll(() => seedWebStore(database.store));

  it("off localhost, serves nothing but /health and the sign-in page without a session", async () => {
    const { app } = createTestApp(database.store, { isPublic: true });
    const client = createClient(app);

    const first = await client.get("/sign-in");
    // Even the sign-in form's token cookie is Secure off localhost.
    expect(first.headers.getSetCookie().join("\n")).toMatch(/csops_visitor=.*HttpOnly.*Secure/);

    for (const path of ["/", "/tasks/T-1001", "/customers/100002", "/dashboard", "/import"]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(303);
      expect(page.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      expect(page.html).not.toContain("Derras");
    }
    const posted = await client.post("/tasks/T-1001/outcome", { contact: "reached" });
    expect(posted.status).toBe(401);
    expect(posted.html).toContain("You are signed out");
    expect(posted.html).toContain('name="next" value="/tasks/T-1001"');

    expect((await client.get("/health")).status).toBe(200);
    expect((await client.get("/static/app.css")).status).toBe(200);
    const signIn = await client.get("/sign-in?next=%2F");
    expect(signIn.status).toBe(200);

    expect(signIn.html).toContain("Nobody can sign in yet.");
    expect(signIn.html).not.toContain("Demo mode");
  });

  it("refuses a wrong password and an unknown address alike", async () => {
    await addUser(ADMIN, { store: database.store, now: () => at("2026-12-01") });
    await addUser(ALEX, { store: database.store, now: () => at("2026-12-01") });
    const { app } = createTestApp(database.store, { isPublic: true });
    const client = createClient(app);
    await client.get("/sign-in");

    const wrong = await client.post("/sign-in", {
      email: ADMIN.email,
      password: "not it at all",
      next: "/",
    });
    const unknown = await client.post("/sign-in", {
      email: "who@x.example",
      password: ADMIN.password,
      next: "/",
    });
    for (const page of [wrong, unknown]) {
      expect(page.status).toBe(401);
      expect(page.html).toContain("The e-mail or the password is wrong.");
    }
    expect(client.cookies.has("csops_session")).toBe(false);
  });

  it("signs in with a secure session cookie and goes where the person was headed", async () => {
    const { app } = createTestApp(database.store, { isPublic: true });
    const client = createClient(app);
    await client.get("/sign-in?next=%2Fcustomers%2F100002");

    const signedIn = await client.post("/sign-in", {
      email: "ALEX@agency-saas.example",
      password: ALEX.password,
      next: "/customers/100002",
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/customers/100002");
    const cookie = signedIn.headers
      .getSetCookie()
      .find((line) => line.startsWith("csops_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Max-Age=604800/);

    const page = await client.get("/customers/100002");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Alex Morgan");
    expect(page.html).toContain("Sign out");
    expect(page.html).not.toContain("Demo mode");
  });

  it("records the signed-in person on the outcome, whatever the form says", async () => {
    const { app } = createTestApp(database.store, { isPublic: true });
    const client = createClient(app);
    await client.get("/sign-in");
    await client.post("/sign-in", { email: ALEX.email, password: ALEX.password, next: "/" });
    const task = await client.get("/tasks/T-1003");
    expect(task.html).toContain("Logged as Alex Morgan.");
    expect(task.html).not.toContain('name="logged_by"');

    const saved = await client.post("/tasks/T-1003/outcome", {
      contact: "email_sent",
      issue: "usage",
      result: "resolved",
      logged_by: "Sam Patel",
    });
    expect(saved.status).toBe(303);
    const [outcome] = await database.store.listOutcomesOf("100003");
    expect(outcome?.loggedBy).toBe("Alex Morgan");
  });

  it("never redirects elsewhere after signing in", async () => {
    const { app } = createTestApp(database.store, { isPublic: true });
    const client = createClient(app);
    await client.get("/sign-in");

    const page = await client.post("/sign-in", {
      email: ADMIN.email,
      password: ADMIN.password,
      next: "//evil.example/x",
    });
    expect(page.location).toBe("/");
  });

  it("ends a session on sign-out, and after 12 idle hours", async () => {
    const { app, clock } = createTestApp(database.store, { isPublic: true });
    const client = createClient(app);
    await client.get("/sign-in");
    await client.post("/sign-in", { email: ADMIN.email, password: ADMIN.password, next: "/" });
    expect((await client.get("/")).status).toBe(200);

    clock.now += 11 * 3600;
    expect((await client.get("/")).status).toBe(200);
    clock.now += 12 * 3600 + 1;
    expect((await client.get("/")).status).toBe(303);

    clock.now = at("2026-12-03", 10);
    await client.get("/sign-in");
    await client.post("/sign-in", { email: ADMIN.email, password: ADMIN.password, next: "/" });
    const sessionId = client.cookies.get("csops_session") ?? "";
    expect((await client.get("/")).status).toBe(200);
    const out = await client.post("/sign-out", {});
    expect(out.location).toBe("/sign-in");
    client.cookies.set("csops_session", sessionId);
    expect((await client.get("/")).status).toBe(303);
  });

  it("keeps the way back to a form whose session ended while it was open", async () => {
    const { app } = createTestApp(database.store, { isPublic: true });
    const client = createClient(app);
    await client.get("/sign-in");
    await client.post("/sign-in", { email: ALEX.email, password: ALEX.password, next: "/" });
    const task = await client.get("/tasks/T-1004?owner=all");
    const token = /name="_csrf" value="([^"]+)"/.exec(task.html)?.[1] ?? "";

    // Signed out in another tab, then the outcome form on this one is sent.
    await client.post("/sign-out", {});
    const sent = await client.post(
      "/tasks/T-1004/outcome?owner=all",
      { contact: "reached", issue: "none", result: "resolved" },
      { token },
    );
    expect(sent.status).toBe(401);
    expect(sent.headers.get("content-type")).toMatch(/^text\/html/);
    expect(sent.html).toContain("You are signed out");
    expect(sent.html).toContain("what you sent was not saved");
    expect(sent.html).toContain('name="next" value="/tasks/T-1004?owner=all"');
    expect(await database.store.listOutcomesOf("100004")).toEqual([]);

    const back = await client.post("/sign-in", {
      email: ALEX.email,
      password: ALEX.password,
      next: "/tasks/T-1004?owner=all",
    });
    expect(back.location).toBe("/tasks/T-1004?owner=all");
  });

  it("goes back to the page a form came from when the browser says it was this site", async () => {
    const { app } = createTestApp(database.store, { isPublic: true });
    const client = createClient(app);
    await client.get("/sign-in");

    const fromHere = await client.post(
      "/sign-out",
      {},
      { referer: "http://localhost/customers/100002?tab=x" },
    );
    expect(fromHere.status).toBe(401);
    expect(fromHere.html).toContain('name="next" value="/customers/100002?tab=x"');
    const fromElsewhere = await client.post(
      "/sign-out",
      {},
      { referer: "https://evil.example/customers" },
    );
    expect(fromElsewhere.html).toContain('name="next" value="/"');
  });

  it("answers 400 to a sign-in body that is not a form, and logs no stack", async () => {
    const { logger, lines } = createRecordingLogger();
    const { app } = createTestApp(database.store, { isPublic: true, logger });
    const client = createClient(app);
    await client.get("/sign-in");

    const page = await client.postBrokenMultipart("/sign-in");
    expect(page.status).toBe(400);
    expect(page.html).toContain("This form could not be read");
    expect(lines.map((line) => [line.level, line.msg])).toEqual([[40, "form refused"]]);
    expect(JSON.stringify(lines)).not.toContain("stack");
  });

  it("lets admins import and shows CS people that they cannot", async () => {
    const { app } = createTestApp(database.store, { isPublic: true });
    const cs = createClient(app);
    await cs.get("/sign-in");
    await cs.post("/sign-in", { email: ALEX.email, password: ALEX.password, next: "/" });
    const refused = await cs.get("/import");
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("Only admins import files");
    expect((await cs.get("/")).html).not.toContain('href="/import"');

    const admin = createClient(app);
    await admin.get("/sign-in");
    await admin.post("/sign-in", { email: ADMIN.email, password: ADMIN.password, next: "/" });
    expect((await admin.get("/import")).status).toBe(200);
  });

  it("requires signing in on localhost too, once a user exists", async () => {
    const { app } = createTestApp(database.store, { isPublic: false });
    const page = await createClient(app).get("/");

    expect(page.status).toBe(303);
    expect(page.location).toBe("/sign-in?next=%2F");
    // Served over plain http on localhost, the cookie cannot be Secure or the browser drops it.
    const signIn = await createClient(app).get("/sign-in");
    expect(signIn.headers.getSetCookie().join("\n")).not.toMatch(/Secure/);
  });
});

describeEachDatabase("the localhost demo", (database) => {
  beforeAll(() => seedWebStore(database.store));

  it("is open without a user, and says so", async () => {
    const { app } = createTestApp(database.store, { isPublic: false });
    const page = await createClient(app).get("/");

    expect(page.status).toBe(200);
    expect(page.html).toContain("Demo mode: no sign-in on localhost.");
    expect(page.html).toContain("csops user add --role admin");
  });

  it("answers only requests addressed to localhost", async () => {
    const { app } = createTestApp(database.store, { isPublic: false });

    const rebound = await app.request("/", { headers: { host: "attacker.example:3000" } });
    expect(rebound.status).toBe(421);
    const local = await app.request("/", { headers: { host: "localhost:3000" } });
    expect(local.status).toBe(200);
    const loopback = await app.request("/", { headers: { host: "127.0.0.1:3000" } });
    expect(loopback.status).toBe(200);
  });
});
