import { randomBytes } from "node:crypto";

import { beforeAll, expect, it } from "vitest";

import { addUser } from "../../services/add-user.js";
import type { User } from "../../storage/accounts.js";
import { describeEachDatabase } from "../../storage/test-databases.js";
import {
  SESSION_IDLE_SECONDS,
  SESSION_MAX_SECONDS,
  endSession,
  hashSessionId,
  resumeSession,
  startSession,
} from "./sessions.js";

const T0 = 1_796_288_400;

describeEachDatabase("sessions", (database) => {
  let user: User;
  let now = T0;
  const deps = () => ({
    store: database.store,
    now: () => now,
    randomBytes: (n: number) => randomBytes(n),
  });

  beforeAll(async () => {
    user = await addUser(
      { name: "Alex Morgan", email: "alex@x.example", role: "cs", password: "a long enough pass" },
      { store: database.store, now: () => T0 },
    );
  });

  it("keeps only a hash of the session id, and finds the user by the id", async () => {
    now = T0;
    const { sessionId, session } = await startSession(user, deps());

    expect(sessionId).toMatch(/^[\w-]{43}$/);
    expect(session.idHash).toBe(hashSessionId(sessionId));
    expect(session.idHash).not.toContain(sessionId);
    expect((await resumeSession(sessionId, deps()))?.user).toEqual(user);
    expect(await resumeSession("x".repeat(43), deps())).toBeUndefined();
  });

  it("ends after 12 idle hours, and moves on while in use, up to 7 days", async () => {
    now = T0;
    const { sessionId } = await startSession(user, deps());

    now = T0 + SESSION_IDLE_SECONDS - 1;
    expect(await resumeSession(sessionId, deps())).toBeDefined();
    // Used a moment ago: alive for another 12 hours from here.
    now += SESSION_IDLE_SECONDS - 1;
    expect(await resumeSession(sessionId, deps())).toBeDefined();
    now += SESSION_IDLE_SECONDS;
    expect(await resumeSession(sessionId, deps())).toBeUndefined();

    now = T0;
    const busy = await startSession(user, deps());
    for (now = T0; now < T0 + SESSION_MAX_SECONDS; now += 6 * 3600) {
      expect(await resumeSession(busy.sessionId, deps())).toBeDefined();
    }
    now = T0 + SESSION_MAX_SECONDS;
    expect(await resumeSession(busy.sessionId, deps())).toBeUndefined();
  });

  it("ends on sign-out", async () => {
    now = T0;
    const { sessionId } = await startSession(user, deps());
    await endSession(sessionId, database.store);

    expect(await resumeSession(sessionId, deps())).toBeUndefined();
  });
});
